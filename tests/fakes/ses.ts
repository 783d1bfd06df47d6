/**
 * A local fake of Amazon SES API v2's SendEmail (POST /v2/email/outbound-emails, JSON body,
 * answers `{MessageId}`), recording what was sent. `failFor` makes sends to an address fail.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentEmail {
  from: string;
  to: string[];
  subject: string;
  text: string;
}

export interface FakeSes {
  endpoint: string;
  sent: SentEmail[];
  failFor: Set<string>;
  close(): Promise<void>;
}

export async function startFakeSes(): Promise<FakeSes> {
  const sent: SentEmail[] = [];
  const failFor = new Set<string>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v2/email/outbound-emails') {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'not found' }));
        return;
      }
      const m = JSON.parse(body);
      const to: string[] = m.Destination?.ToAddresses ?? [];
      if (to.some((a) => failFor.has(a))) {
        res.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'MessageRejected' }).end(JSON.stringify({ message: 'Email address is not verified.' }));
        return;
      }
      sent.push({ from: m.FromEmailAddress, to, subject: m.Content?.Simple?.Subject?.Data, text: m.Content?.Simple?.Body?.Text?.Data });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ MessageId: `fake-${sent.length}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent,
    failFor,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
