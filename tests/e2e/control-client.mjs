// The fake Functionize's plain-HTTP control API, on 127.0.0.1 only.

/** A client for the control API listening on `port`. */
export function controlClient(port) {
  const base = `http://127.0.0.1:${port}`;

  async function call(method, path, body) {
    const response = await fetch(base + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`control API ${method} ${path} answered ${response.status}: ${text}`);
    }
    try {
      return text ? JSON.parse(text) : null;
    } catch {
      return text;
    }
  }

  return {
    /** Every request the fake has seen: [{ method, host, path, query, has_token, ... }]. */
    requests: () => call('GET', '/requests'),
    reset: () => call('POST', '/reset'),
    stats: () => call('GET', '/stats'),
    config: (settings) => call('POST', '/config', settings),
    rules: (rules) => call('POST', '/rules', rules),
    /** What the fake serves: [{ deployment_id, numeric_id, name, last_run_id, ... }]. */
    fixture: () => call('GET', '/fixture'),
  };
}
