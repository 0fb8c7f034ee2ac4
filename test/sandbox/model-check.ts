import { checkResponses, readRecordings, violationReport } from './model-recording.js';

/**
 * `tsx test/sandbox/model-check.ts <folder>`: checks the sandbox responses recorded in `folder`
 * against AWS's models, prints the report and exits 1 when any differ. The Jest globalTeardown runs
 * it as a child process, since Jest loads that hook without its TypeScript module mapping.
 */
const folder = process.argv[2];
if (!folder) {
  console.error('usage: tsx test/sandbox/model-check.ts <folder of recorded sandbox responses>');
  process.exit(2);
}
const check = checkResponses(readRecordings(folder));
if (check.violations.length > 0) {
  console.log(violationReport(check));
  process.exit(1);
}
console.log(`${check.responses} distinct sandbox responses conform to AWS's API models.`);
