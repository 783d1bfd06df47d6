// Spawned by the API bench: imports one bundle (as the Lambda runtime would) and exits.
// Prints how long the import itself took, measured inside the process.
const start = performance.now();
await import(process.argv[2]);
process.stdout.write(JSON.stringify({ importMs: performance.now() - start }));
process.exit(0);
