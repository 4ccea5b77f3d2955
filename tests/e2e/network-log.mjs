// Records, from the browser's side, every request the pages and the extension's service
// worker make, with the headers they were given. The fake only sees where `accesstoken`
// goes; this also sees a token put anywhere else in a request.
import assert from 'node:assert/strict';

export function collectRequests(context) {
  const requests = [];
  context.on('request', (request) => {
    // The provisional headers: everything the page or worker set, before cookies are added.
    requests.push({
      method: request.method(),
      url: request.url(),
      headers: request.headers(),
      body: request.postData() ?? '',
    });
  });
  return { entries: () => requests };
}

/**
 * Fails unless every request carrying `token` sends it only in an `accesstoken` header to
 * https://{host}/api/v4/, naming the offending requests (but never the token).
 */
export function assertTokenOnlyInApiHeader(networkLog, token, host) {
  const misplaced = [];
  for (const request of networkLog.entries()) {
    const url = new URL(request.url);
    const elsewhereInRequest = [
      request.url,
      request.body,
      ...Object.entries(request.headers)
        .filter(([name]) => name.toLowerCase() !== 'accesstoken')
        .flatMap((header) => header),
    ].some((text) => text.includes(token));
    const inHeader = Object.entries(request.headers)
      .some(([name, value]) => name.toLowerCase() === 'accesstoken' && value.includes(token));
    const toApi = url.protocol === 'https:' && url.host === host;
    const allowed = toApi && url.pathname.startsWith('/api/v4/');
    if (elsewhereInRequest || (inHeader && !allowed)) {
      misplaced.push(`${request.method} ${url.origin}${url.pathname}`);
    }
  }
  assert.deepEqual(misplaced, [], 'requests carrying the token where it does not belong');
}

/** How many requests the browser sent with `token` in an `accesstoken` header. */
export function countTokenHeaders(networkLog, token) {
  return networkLog
    .entries()
    .filter((request) => request.headers.accesstoken === token).length;
}
