// Grades a local endpoint with the MDN HTTP Observatory, like its scan() but with separate HTTP/HTTPS ports.
// Run in a child process: `NODE_EXTRA_CA_CERTS=cert.pem node observatory.mjs 127.0.0.1 HTTP_PORT HTTPS_PORT`;
// OBSERVATORY_HEADER="Name: value" adds a request header (the origin-auth header the edge sends).
import { ALL_TESTS, NUM_TESTS } from "@mdn/mdn-http-observatory/src/constants.js";
import { MINIMUM_SCORE_FOR_EXTRA_CREDIT } from "@mdn/mdn-http-observatory/src/grader/charts.js";
import { getGradeForScore, getScoreModifier } from "@mdn/mdn-http-observatory/src/grader/grader.js";
import { retrieve } from "@mdn/mdn-http-observatory/src/retriever/retriever.js";

const [host, httpPort, httpsPort] = process.argv.slice(2);
// Its own default (retriever.js STANDARD_HEADERS) is replaced by `headers`: keep its Accept.
const headers = [
  "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  ...(process.env.OBSERVATORY_HEADER ? [process.env.OBSERVATORY_HEADER] : []),
];
const requests = await retrieve(host, { httpPort: Number(httpPort), httpsPort: Number(httpsPort), headers });
if (!requests.responses.auto) {
  console.log(JSON.stringify({ error: "the site seems to be down" }));
  process.exit(1);
}
const results = ALL_TESTS.map((test) => test(requests));
let passed = 0;
let withExtraCredit = 100;
let uncurved = 100;
const tests = {};
for (const result of results) {
  const modifier = result.result ? getScoreModifier(result.result) : 0;
  passed += result.pass ? 1 : 0;
  withExtraCredit += modifier;
  if (modifier < 0) uncurved += modifier;
  tests[result.constructor.name] = { result: result.result, pass: result.pass, modifier };
}
const score = uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withExtraCredit : uncurved;
const { grade } = getGradeForScore(score);
console.log(
  JSON.stringify({
    grade,
    score,
    passed,
    total: NUM_TESTS,
    status: requests.responses.auto.status,
    verified: requests.responses.auto.verified,
    tests,
  }),
);
