#!/usr/bin/env node
// Starts s3rver (a local S3 API) and waits until it answers.
// Usage: node start-s3.js [--port 4569] [--host 127.0.0.1] [--path DIR] [--ready-file FILE] [--bucket NAME]...
// Prints "s3rver listening on http://HOST:PORT" once requests are served. With --port 0 a free port is chosen.
// Without --path the files live in a temporary folder that is removed on stop.
// s3rver 3.7 is pinned: it runs on Node 20, speaks the signature v4 the AWS SDK for .NET sends (checked against its
// fixed S3RVER/S3RVER credentials), path-style addressing, range reads and object metadata, which is all WaApp uses.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const S3rver = require('s3rver');
const { parseArgs, waitUntilAnswering, announce } = require('./launcher');

const usage = 'node start-s3.js [--port 4569] [--host 127.0.0.1] [--path DIR] [--ready-file FILE] [--bucket NAME]...';

async function main() {
  // --bucket is ours; the rest is the command line every local store shares.
  const argv = process.argv.slice(2);
  const buckets = [];
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--bucket') buckets.push(argv[++i]);
    else rest.push(argv[i]);
  }
  const options = parseArgs(rest.includes('--port') ? rest : ['--port', '4569', ...rest], usage);
  const temporary = !options.path;
  const directory = options.path || fs.mkdtempSync(path.join(os.tmpdir(), 'waapp-s3rver-'));
  fs.mkdirSync(directory, { recursive: true });

  const server = new S3rver({
    address: options.host,
    port: options.port,
    directory,
    silent: true,
    configureBuckets: buckets.filter(Boolean).map((name) => ({ name })),
  });
  const address = await server.run();
  await waitUntilAnswering(options.host, address.port, Date.now() + 15000);
  const cleanUp = () => {
    if (temporary) fs.rmSync(directory, { recursive: true, force: true });
  };
  announce('s3rver', { ...options, path: options.path }, address.port, () => server.close(() => {
    cleanUp();
    process.exit(0);
  }));
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
