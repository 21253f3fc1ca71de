// One peer engine on one national case (benchmarks/peers/national.sh): checks that the engine
// agrees with passend on every candidate of the case, then times one query's worth of rule
// evaluation, every candidate of the case once, one evaluation after the other (and, for Zen,
// 64 in flight on its worker threads). Medians of REPETITIONS; writes OUT.json. Each engine runs
// in its own node process, so that the peak memory (maxRSS) is that engine's.
//
//   node national.cjs NODE_MODULES FACTS.json RULES_DIR zen|jre REPETITIONS OUT.json
'use strict';
const fs = require('fs');
const { inputs, zenEngine, jreEngine, agree, sequential, concurrent, median, version } = require('./engines.cjs');

const [modules, factsFile, rulesDir, engineName, repsArg, outFile] = process.argv.slice(2);
const repetitions = Number(repsArg || 5);
if (!outFile || !['zen', 'jre'].includes(engineName) || !(repetitions > 0)) {
  console.error('usage: node national.cjs NODE_MODULES FACTS.json RULES_DIR zen|jre REPETITIONS OUT.json');
  process.exit(2);
}

(async () => {
  const facts = JSON.parse(fs.readFileSync(factsFile, 'utf8'));
  const cases = inputs(facts);
  const [label, make, pkg] = engineName === 'zen'
    ? ['Zen', zenEngine, '@gorules/zen-engine'] : ['json-rules-engine', jreEngine, 'json-rules-engine'];
  const out = { engine: label, version: version(modules, pkg), candidates: cases.length, repetitions };
  const evaluate = await make(modules, rulesDir);
  out.differ = await agree(evaluate, cases);  // also the warm-up
  console.error(`${label} ${out.version}: ${cases.length - out.differ} of ${cases.length} candidates agree with passend`);
  if (out.differ === 0) {
    const ms = (t) => ({ wall_ms: t.wall / 1e6, cpu_ms: t.cpu / 1e6 });
    out.sequential = ms(await median(repetitions, () => sequential(evaluate, cases, 1)));
    if (engineName === 'zen') out.in_flight_64 = ms(await median(repetitions, () => concurrent(evaluate, cases, 64, 1)));
    console.error(`${label}: ${out.sequential.wall_ms.toFixed(0)} ms wall, ${out.sequential.cpu_ms.toFixed(0)} ms CPU ` +
                  `per query, one evaluate after the other (median of ${repetitions})`);
  }
  out.peak_rss_mib = process.resourceUsage().maxRSS / 1024;  // KiB
  fs.writeFileSync(outFile, JSON.stringify(out, null, 1) + '\n');
  process.exit(out.differ === 0 ? 0 : 1);
})().catch((e) => {
  console.error(`national.cjs (${engineName}): ${e.stack || e}`);
  process.exit(1);
});
