// Starts the fake Functionize server on free ports and stops it again, by its pid.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

import { FAKE_BINARY, requireBuilt } from './paths.mjs';
import { controlClient } from './control-client.mjs';

export const DEFAULT_TOKEN = 'fzk-demo-token';

const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;

/**
 * Starts the fake with `options` ({ shape, ids, token, generate, latencyMs, fixture }) and
 * resolves once it has printed its ports: { httpsPort, controlPort, token, control, stop }.
 */
export async function startFake(options = {}) {
  requireBuilt(FAKE_BINARY, '`cargo build --release -p fake-functionize`');
  const child = spawn(FAKE_BINARY, commandLine(options), { stdio: ['ignore', 'pipe', 'pipe'] });

  // Whatever happens to the test process, the fake must not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);

  const stderr = [];
  child.stderr.on('data', (chunk) => stderr.push(chunk));

  let ports;
  try {
    ports = await readyLine(child, () => Buffer.concat(stderr).toString());
  } catch (error) {
    await stopChild(child);
    process.off('exit', killOnExit);
    throw error;
  }

  return {
    httpsPort: ports.https_port,
    controlPort: ports.control_port,
    token: options.token ?? DEFAULT_TOKEN,
    pid: child.pid,
    control: controlClient(ports.control_port),
    stderr: () => Buffer.concat(stderr).toString(),
    async stop() {
      await stopChild(child);
      process.off('exit', killOnExit);
    },
  };
}

function commandLine({ shape, ids, token, generate, latencyMs, fixture }) {
  const args = ['--port', '0', '--control-port', '0'];
  if (fixture) args.push('--fixture', fixture);
  if (shape) args.push('--shape', shape);
  if (ids) args.push('--ids', ids);
  if (token) args.push('--token', token);
  if (generate !== undefined) args.push('--generate', String(generate));
  if (latencyMs !== undefined) args.push('--latency-ms', String(latencyMs));
  return args;
}

/** The fake's first stdout line, `{"https_port":N,"control_port":M}`, parsed. */
function readyLine(child, stderrSoFar) {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const settle = (outcome) => {
      clearTimeout(timer);
      child.off('error', onError);
      child.off('exit', onExit);
      outcome();
    };
    const fail = (why) => settle(() => {
      reject(new Error(`the fake Functionize did not start: ${why}\n${stderrSoFar()}`));
    });
    const onError = (error) => fail(error.message);
    const onExit = (code, signal) => fail(`it exited (code ${code}, signal ${signal})`);
    const timeout = () => fail(`no ready line in ${START_TIMEOUT_MS} ms`);
    const timer = setTimeout(timeout, START_TIMEOUT_MS);

    child.once('error', onError);
    child.once('exit', onExit);
    // Later lines are read and dropped, so the pipe never fills up and blocks the fake.
    lines.once('line', (line) => settle(() => {
      const ports = parsePorts(line);
      if (ports) resolve(ports);
      else reject(new Error(`the fake Functionize printed an unexpected ready line: ${line}`));
    }));
  });
}

function parsePorts(line) {
  try {
    const ports = JSON.parse(line);
    const valid = Number.isInteger(ports.https_port) && Number.isInteger(ports.control_port);
    return valid ? ports : null;
  } catch {
    return null;
  }
}

async function stopChild(child) {
  // No pid: it never started. An exit code or signal: it has already gone.
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
