// What the start scripts of both local stores share: the command line, waiting until the store answers,
// the ready file, and stopping with the parent.
'use strict';

const fs = require('fs');
const http = require('http');

function parseArgs(argv, usage) {
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
        console.log(usage);
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

// Resolves once an HTTP request to the store gets any answer from it (DynamoDB Local answers an unsigned GET
// with 400, dynalite with 200); rejects at the deadline or when stillRunning() turns false.
function waitUntilAnswering(host, port, deadline, stillRunning = () => true) {
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const request = http.get({ host, port, path: '/', timeout: 1000 }, (response) => {
        response.resume();
        resolve();
      });
      request.on('error', retry);
      request.on('timeout', () => request.destroy());
    };
    const retry = () => {
      if (!stillRunning()) reject(new Error('the store exited before it answered'));
      else if (Date.now() > deadline) reject(new Error('the store did not answer in time'));
      else setTimeout(attempt, 50);
    };
    attempt();
  });
}

// Announces the endpoint (ready file first, so a waiting parent never reads half a line) and wires the stops.
function announce(name, options, port, stop) {
  const url = `http://${options.host}:${port}`;
  if (options.readyFile) fs.writeFileSync(options.readyFile, url);
  console.log(`${name} listening on ${url}${options.path ? ` (data in ${options.path})` : ' (in memory)'}`);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // A parent that dies without signalling closes our stdin: stop with it.
  if (process.env.DYNALITE_EXIT_WITH_STDIN === '1') {
    process.stdin.on('end', stop);
    process.stdin.resume();
  }
}

module.exports = { parseArgs, waitUntilAnswering, announce };
