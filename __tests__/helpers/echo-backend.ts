import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { editFiles } from './tree';

/**
 * A backend for proxy tests: an HTTP server on 127.0.0.1 and a free port that answers 200 and
 * records the headers of every request it gets, so a test can see what the proxy forwarded.
 */
export class EchoBackend {
  readonly received: http.IncomingHttpHeaders[] = [];
  private readonly server = http.createServer((req, res) => {
    this.received.push(req.headers);
    req.resume();
    res.end('backend\n');
  });

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * Point a proxy target written in a server's copied tree (`127.0.0.1:9000`) at another port:
 * the fixture's backend address stands for whatever the test runs there.
 */
export function redirectBackend(dir: string, from: string, port: number): void {
  const to = from.replace(/:\d+(\/?)$/, `:${port}$1`);
  editFiles(dir, (text) => text.split(from).join(to));
}

/**
 * An HTTP service on 127.0.0.1 and a free port that answers with the given handler: a stand-in
 * for an auth portal (answering a chosen status, recording what it receives, reading the body).
 */
export class StubService {
  private readonly server: http.Server;

  constructor(handler: http.RequestListener) {
    this.server = http.createServer(handler);
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
