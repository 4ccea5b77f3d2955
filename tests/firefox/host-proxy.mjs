// A tiny HTTP CONNECT proxy on 127.0.0.1 that lets Firefox reach the fake Functionize under
// its real host name. Chromium's tests map the name with --host-resolver-rules; Firefox has no
// such switch, but it sends every HTTPS request through a configured proxy as
// `CONNECT host:443`, naming the host instead of resolving it. This proxy tunnels
// app.functionize.com to the fake's port and refuses everything else, so nothing Firefox asks
// for leaves the machine.
import net from 'node:net';

import { FUNCTIONIZE_HOST } from '../e2e/browser.mjs';

const HEAD_LIMIT = 8 * 1024;

/**
 * Starts the proxy for the fake listening on 127.0.0.1:`fakePort`. Resolves to
 * { port, tunnelled(), refused(), stop() }: how many tunnels to the fake it opened, and the
 * request lines it refused (Firefox's own background requests, usually).
 */
export async function startHostProxy(fakePort) {
  let tunnelled = 0;
  const refused = [];
  const sockets = new Set();
  const track = (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    // A reset from either side ends the tunnel; the browser retries or reports it itself.
    socket.on('error', () => socket.destroy());
  };

  const server = net.createServer((client) => {
    track(client);
    readHead(client, (head, rest) => {
      const line = head.split('\r\n')[0];
      if (line !== `CONNECT ${FUNCTIONIZE_HOST}:443 HTTP/1.1`) {
        refused.push(line);
        client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      const fake = net.connect(fakePort, '127.0.0.1', () => {
        tunnelled += 1;
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (rest.length > 0) fake.write(rest);
        client.pipe(fake);
        fake.pipe(client);
      });
      track(fake);
      fake.once('close', () => client.destroy());
      client.once('close', () => fake.destroy());
    });
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });

  return {
    port: server.address().port,
    tunnelled: () => tunnelled,
    refused: () => [...refused],
    async stop() {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/** Calls `done(head, rest)` once the request head (up to the blank line) has arrived. */
function readHead(socket, done) {
  let buffered = Buffer.alloc(0);
  const onData = (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    const end = buffered.indexOf('\r\n\r\n');
    if (end === -1) {
      if (buffered.length > HEAD_LIMIT) socket.destroy();
      return;
    }
    socket.off('data', onData);
    socket.pause(); // Until the tunnel's pipe resumes it, so no byte is dropped meanwhile.
    done(buffered.subarray(0, end).toString('latin1'), buffered.subarray(end + 4));
  };
  socket.on('data', onData);
}
