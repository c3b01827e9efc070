#!/usr/bin/env node
// Starts dynalite (a local DynamoDB API) and waits until it answers.
// Usage: node start.js [--port 8000] [--host 127.0.0.1] [--path DIR] [--ready-file FILE]
// Prints "dynalite listening on http://HOST:PORT" once requests are served.
// With --port 0 a free port is chosen; the line then tells which one.
'use strict';

const fs = require('fs');
const http = require('http');
const dynalite = require('dynalite');

function parseArgs(argv) {
  const options = { port: 8000, host: '127.0.0.1', path: undefined, readyFile: undefined };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const value = argv[i + 1];
    switch (name) {
      case '--port': options.port = Number(value); i++; break;
      case '--host': options.host = value; i++; break;
      case '--path': options.path = value; i++; break;
      case '--ready-file': options.readyFile = value; i++; break;
      case '--help':
        console.log('node start.js [--port 8000] [--host 127.0.0.1] [--path DIR] [--ready-file FILE]');
        process.exit(0);
        break;
      default:
        console.error(`unknown argument: ${name}`);
        process.exit(2);
    }
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    console.error(`invalid --port: ${options.port}`);
    process.exit(2);
  }
  return options;
}

function waitUntilHealthy(host, port, deadline) {
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const request = http.get({ host, port, path: '/', timeout: 1000 }, (response) => {
        response.resume();
        if (response.statusCode === 200) resolve();
        else retry();
      });
      request.on('error', retry);
      request.on('timeout', () => request.destroy());
    };
    const retry = () => {
      if (Date.now() > deadline) reject(new Error('dynalite did not answer in time'));
      else setTimeout(attempt, 50);
    };
    attempt();
  });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.path) fs.mkdirSync(options.path, { recursive: true });

  // Tables become ACTIVE at once so tests and start-up need not wait half a second per table.
  const server = dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  server.on('error', (error) => {
    console.error(`dynalite failed: ${error.message}`);
    process.exit(1);
  });
  await new Promise((resolve) => server.listen(options.port, options.host, resolve));
  const port = server.address().port;
  await waitUntilHealthy(options.host, port, Date.now() + 15000);

  const url = `http://${options.host}:${port}`;
  if (options.readyFile) fs.writeFileSync(options.readyFile, url);
  console.log(`dynalite listening on ${url}${options.path ? ` (data in ${options.path})` : ' (in memory)'}`);

  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // A parent that dies without signalling closes our stdin: stop with it.
  if (process.env.DYNALITE_EXIT_WITH_STDIN === '1') {
    process.stdin.on('end', stop);
    process.stdin.resume();
  }
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
