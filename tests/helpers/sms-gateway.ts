import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local HTTP server playing the SMS gateway (JSON POST {to, from, text, reference}, bearer token
// gw-secret): it records what it was asked to send and can be "down" (503).
export class FakeGateway {
  sent: { to: string; from: string; text: string; reference: string }[] = [];
  down = false;
  private n = 0;
  private server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => this.answer(req, body, res));
  });
  url = '';
  private answer(req: IncomingMessage, body: string, res: ServerResponse) {
    if (this.down || req.headers.authorization !== 'Bearer gw-secret') {
      res.writeHead(this.down ? 503 : 401).end('{}');
      return;
    }
    this.sent.push(JSON.parse(body));
    res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `gw-${++this.n}` }));
  }
  async start() {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/send`;
  }
  stop() {
    return new Promise((r) => this.server.close(r));
  }
}
