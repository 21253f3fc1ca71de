// Evaluates the peer rule definitions (zen_decision.json, jre_rules.json) on the candidate facts
// exported by passend (benchmarks/export_facts), checks that every engine agrees with passend on
// every candidate's tier, timeliness and exclusion codes, and prints per-candidate times.
//
//   node compare.cjs NODE_MODULES FACTS.json RULES_DIR [REPETITIONS]
'use strict';
const fs = require('fs');
const { inputs: inputsOf, zenEngine: zen, jreEngine: jre, agree, sequential, concurrent, median, version: versionIn } =
  require('./engines.cjs');

const [modules, factsFile, rulesDir, repsArg] = process.argv.slice(2);
const repetitions = Number(repsArg || 5);
const facts = JSON.parse(fs.readFileSync(factsFile, 'utf8'));
const inputs = () => inputsOf(facts);
const zenEngine = () => zen(modules, rulesDir);
const jreEngine = () => jre(modules, rulesDir);
const version = (name) => versionIn(modules, name);

const us = (ns) => `${(ns / 1000).toFixed(2)} us`.padStart(11);

function row(name, t, reference) {
  const ratio = (key) => `${(t[key] / reference[key]).toFixed(1)}x`.padStart(7);
  console.log(`${name.padEnd(58)} ${us(t.cpu)} ${us(t.wall)}   ${ratio('cpu')} ${ratio('wall')}`);
}

async function measure(label, make, cases, results) {
  let evaluate;
  try {
    evaluate = await make();
  } catch (e) {
    console.log(`${label}: cannot run here: ${e.message.split('\n')[0]}`);
    return true;
  }
  const differ = await agree(evaluate, cases);  // also the warm-up
  console.log(`${label}: ${cases.length - differ} of ${cases.length} candidates agree with passend`);
  if (differ) return false;
  results.push([`${label}, sequential`, await median(repetitions, () => sequential(evaluate, cases))]);
  if (label.startsWith('Zen')) results.push([`${label}, 64 in flight`, await median(repetitions, () => concurrent(evaluate, cases, 64))]);
  return true;
}

(async () => {
  const cases = inputs();
  console.log(`${facts.cases.length} cases, ${cases.length} candidates, ${facts.offerings} offerings (seed ${facts.network_seed}), ` +
              `median of ${repetitions} runs`);
  const results = [];
  let ok = await measure(`Zen ${version('@gorules/zen-engine')}`, zenEngine, cases, results);
  ok = (await measure(`json-rules-engine ${version('json-rules-engine')}`, jreEngine, cases, results)) && ok;
  const same = facts.passend.ns_per_candidate_same_rules;
  console.log(`\n${'per candidate (median)'.padEnd(58)} ${'CPU'.padStart(11)} ${'wall'.padStart(11)}   slower than passend (CPU, wall)`);
  row('passend, same rules, whole query (facts, rules, ranking)', same, same);
  row('passend, all default rules, whole query', facts.passend.ns_per_candidate_default_rules, same);
  for (const [name, ns] of results) row(name, ns, same);
  // The goals of docs/performance.md: passend at least 5x faster than Zen, 30x than json-rules-engine.
  for (const [prefix, goal] of [['Zen', 5], ['json-rules-engine', 30]]) {
    const hit = results.find(([name]) => name.startsWith(prefix) && name.endsWith('sequential'));
    if (!hit) continue;
    const ratio = hit[1].cpu / same.cpu;
    console.log(`goal: passend >= ${goal}x faster than ${prefix} per candidate (CPU): ${ratio.toFixed(1)}x, ${ratio >= goal ? 'met' : 'missed'}`);
  }
  process.exit(ok ? 0 : 1);
})();
