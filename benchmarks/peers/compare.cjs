// Evaluates the peer rule definitions (zen_decision.json, jre_rules.json) on the candidate facts
// exported by passend (benchmarks/export_facts), checks that every engine agrees with passend on
// every candidate's tier, timeliness and exclusion codes, and prints per-candidate times.
//
//   node compare.cjs NODE_MODULES FACTS.json RULES_DIR [REPETITIONS]
'use strict';
const fs = require('fs');
const path = require('path');

const [modules, factsFile, rulesDir, repsArg] = process.argv.slice(2);
const repetitions = Number(repsArg || 5);
const facts = JSON.parse(fs.readFileSync(factsFile, 'utf8'));

// One input per candidate: the case (without its candidate list) and the candidate.
function inputs() {
  const out = [];
  for (const c of facts.cases) {
    const { candidates, ...kase } = c;
    for (const cand of candidates) {
      const { passend, ...own } = cand;
      out.push({ input: { case: kase, cand: own }, expected: passend });
    }
  }
  return out;
}

const key = (d) => `${d.tier}|${d.timely}|${[...d.exclusions].sort().join(',')}`;

async function zenEngine() {
  const { ZenEngine } = require(path.join(modules, '@gorules/zen-engine'));
  const graph = JSON.parse(fs.readFileSync(path.join(rulesDir, 'zen_decision.json'), 'utf8'));
  const decision = new ZenEngine().createDecision(graph);
  return async (input) => {
    const { result } = await decision.evaluate(input);
    return { tier: result.tier, timely: result.timely, exclusions: (result.exclusions || []).map((x) => x.code) };
  };
}

async function jreEngine() {
  const { Engine } = require(path.join(modules, 'json-rules-engine'));
  const engine = new Engine([], { allowUndefinedFacts: false });
  for (const rule of JSON.parse(fs.readFileSync(path.join(rulesDir, 'jre_rules.json'), 'utf8'))) engine.addRule(rule);
  return async (input) => {
    const { events } = await engine.run(input);
    const d = { tier: undefined, timely: false, exclusions: [] };
    for (const e of events) {
      if (e.type === 'exclude') d.exclusions.push(e.params.code);
      else if (e.type === 'tier') d.tier = e.params.tier;
      else if (e.type === 'timely') d.timely = true;
    }
    return d;
  };
}

async function agree(evaluate, cases) {
  let differ = 0;
  for (const { input, expected } of cases) {
    const got = await evaluate(input);
    if (key(got) !== key(expected)) {
      if (differ++ < 5) console.error(`  differs on ${input.cand.offering}: ${key(got)} vs passend ${key(expected)}`);
    }
  }
  return differ;
}

// Wall-clock and CPU time (user + system, all threads of this process) per candidate.
async function timed(run, count) {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await run();
  const wall = Number(process.hrtime.bigint() - start) / count;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: ((used.user + used.system) * 1000) / count };
}

// Sequential: one evaluation after the other, as a query would ask for its candidates.
function sequential(evaluate, cases) {
  return timed(async () => {
    for (const { input } of cases) await evaluate(input);
  }, cases.length);
}

// `inFlight` evaluations at a time (Zen runs them on its worker threads, so this may use both cores).
function concurrent(evaluate, cases, inFlight) {
  return timed(async () => {
    for (let i = 0; i < cases.length; i += inFlight) await Promise.all(cases.slice(i, i + inFlight).map((c) => evaluate(c.input)));
  }, cases.length);
}

async function median(times, fn) {
  const runs = [];
  for (let r = 0; r < times; ++r) runs.push(await fn());
  const mid = (key) => runs.map((t) => t[key]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  return { wall: mid('wall'), cpu: mid('cpu') };
}

function version(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(modules, name, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

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
