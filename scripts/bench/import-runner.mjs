// Spawned by the API bench: imports one bundle (as the Lambda runtime would) and exits.
// Prints how long the import itself took, measured inside the process. With a path as
// second argument, it then answers one HTTP API GET of that path (which must need no
// database) and prints how long that first request took too.
const start = performance.now();
const mod = await import(process.argv[2]);
const importMs = performance.now() - start;
let firstRequestMs;
if (process.argv[3]) {
  const rawPath = process.argv[3];
  const t0 = performance.now();
  const res = await mod.handler(
    { version: '2.0', routeKey: '$default', rawPath, rawQueryString: '', headers: { host: 'bench.local' }, isBase64Encoded: false, requestContext: { http: { method: 'GET', path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' }, domainName: 'bench.local', requestId: 'bench', routeKey: '$default', stage: '$default', timeEpoch: 0 } },
    {},
  );
  firstRequestMs = performance.now() - t0;
  if (res.statusCode !== 200) throw new Error(`GET ${rawPath} answered ${res.statusCode}: ${res.body}`);
}
process.stdout.write(JSON.stringify({ importMs, firstRequestMs }));
process.exit(0);
