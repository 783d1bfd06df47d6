/**
 * A local fake of AWS Secrets Manager (JSON 1.1 protocol: POST /, `X-Amz-Target:
 * secretsmanager.<Operation>`), enough for `npm run setup`: ListSecrets (with `tag-value`
 * filters and pages), GetSecretValue and PutSecretValue (by ARN or name). Unknown secrets
 * answer ResourceNotFoundException as the service does. Every write is recorded.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSecret {
  name: string;
  arn: string;
  value?: string;
  tags: Record<string, string>;
}

export interface FakeSecretsManager {
  url: string;
  secrets: FakeSecret[];
  puts: { arn: string; value: string }[];
  /** Every GetSecretValue asked, by SecretId. */
  gets: string[];
  close(): Promise<void>;
}

export async function startFakeSecretsManager(secrets: FakeSecret[], opts: { pageSize?: number } = {}): Promise<FakeSecretsManager> {
  const puts: { arn: string; value: string }[] = [];
  const gets: string[] = [];
  const byId = (id: string) => secrets.find((s) => s.arn === id || s.name === id);
  const server: Server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const body = raw ? (JSON.parse(raw) as Record<string, any>) : {};
    const op = String(req.headers['x-amz-target'] ?? '').replace('secretsmanager.', '');
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(payload));
    };
    const notFound = () => send(400, { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." });
    if (op === 'ListSecrets') {
      const tagValues: string[] = (body.Filters ?? []).filter((f: { Key: string }) => f.Key === 'tag-value').flatMap((f: { Values: string[] }) => f.Values);
      const matching = secrets.filter((s) => !tagValues.length || Object.values(s.tags).some((v) => tagValues.includes(v)));
      const size = opts.pageSize ?? body.MaxResults ?? 100;
      const start = Number(body.NextToken ?? 0);
      const page = matching.slice(start, start + size);
      return send(200, {
        SecretList: page.map((s) => ({ ARN: s.arn, Name: s.name, Tags: Object.entries(s.tags).map(([Key, Value]) => ({ Key, Value })) })),
        ...(start + size < matching.length ? { NextToken: String(start + size) } : {}),
      });
    }
    if (op === 'GetSecretValue') {
      gets.push(body.SecretId);
      const s = byId(body.SecretId);
      if (!s || s.value === undefined) return notFound();
      return send(200, { ARN: s.arn, Name: s.name, SecretString: s.value, VersionId: 'v1' });
    }
    if (op === 'PutSecretValue') {
      const s = byId(body.SecretId);
      if (!s) return notFound();
      s.value = body.SecretString;
      puts.push({ arn: s.arn, value: body.SecretString });
      return send(200, { ARN: s.arn, Name: s.name, VersionId: `v${puts.length + 1}` });
    }
    send(400, { __type: 'InvalidRequestException', message: `operation not faked: ${op}` });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    secrets,
    puts,
    gets,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** The three secrets as the stateful stack creates them (names, logical ids, stack tags). */
export function deployedSecrets(stack = 'TiersLieuxStateful'): FakeSecret[] {
  const secret = (logicalId: string, value: string): FakeSecret => ({
    name: `${logicalId}-AbCdEfGhIjKl`,
    arn: `arn:aws:secretsmanager:eu-west-3:123456789012:secret:${logicalId}-AbCdEfGhIjKl-x1y2z3`,
    value,
    tags: { 'aws:cloudformation:stack-name': stack, 'aws:cloudformation:logical-id': logicalId, project: 'tiers-lieux-reseau' },
  });
  return [
    secret('AdminToken38B307E8', 'adminadminadminadminadminadminadminadminadmin0123'),
    secret('IntegrationsE6599F67', JSON.stringify({ AIRTABLE_TOKEN: '', AIRTABLE_WEBHOOK_SECRET: '', GOOGLE_SERVICE_ACCOUNT: '', SHEETS_HOOK_SECRET: '', GENERATED_NONCE: 'nonce123' })),
    secret('FacebookPageToken30BD8219', 'generatedgeneratedgenerated12345'),
  ];
}
