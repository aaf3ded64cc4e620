#!/usr/bin/env node
// Prints one JSON object mapping each .tf file given (or every .tf file in the folders given)
// to its parse, as @cdktf/hcl2json (HashiCorp's HCL parser in WebAssembly) makes it.
// A file that does not parse is an error: its message on stderr, exit status 1.
'use strict';
const fs = require('fs');
const path = require('path');
const { parse } = require('@cdktf/hcl2json');

function tfFiles(args) {
  const files = [];
  for (const arg of args) {
    if (fs.statSync(arg).isDirectory()) {
      for (const name of fs.readdirSync(arg).sort()) {
        if (name.endsWith('.tf')) files.push(path.join(arg, name));
      }
    } else {
      files.push(arg);
    }
  }
  return files;
}

async function main(args) {
  if (args.length === 0) {
    process.stderr.write('usage: hcl2json.js FILE.tf|FOLDER...\n');
    return 2;
  }
  const out = {};
  let failed = 0;
  for (const file of tfFiles(args)) {
    try {
      out[path.basename(file)] = await parse(file, fs.readFileSync(file, 'utf8'));
    } catch (e) {
      process.stderr.write(`${file}: ${e && e.message ? e.message : e}\n`);
      failed++;
    }
  }
  if (failed > 0) return 1;
  process.stdout.write(JSON.stringify(out, null, 1) + '\n');
  return 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + '\n');
  process.exit(1);
});
