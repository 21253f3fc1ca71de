// The two peer engines on passend's exported facts, shared by compare.cjs (per candidate, many
// generated cases) and national.cjs (one national case, per query): how each engine is built
// from its rule definitions, the inputs it gets, the check that it agrees with passend on every
// candidate, and the timing helpers.
'use strict';
const fs = require('fs');
const path = require('path');

// One input per candidate: the case (without its candidate list) and the candidate.
function inputs(facts) {
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

async function zenEngine(modules, rulesDir) {
  const { ZenEngine } = require(path.join(modules, '@gorules/zen-engine'));
  const graph = JSON.parse(fs.readFileSync(path.join(rulesDir, 'zen_decision.json'), 'utf8'));
  const decision = new ZenEngine().createDecision(graph);
  return async (input) => {
    const { result } = await decision.evaluate(input);
    return { tier: result.tier, timely: result.timely, exclusions: (result.exclusions || []).map((x) => x.code) };
  };
}

async function jreEngine(modules, rulesDir) {
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

// How many candidates the engine decides differently from passend (the first five are printed).
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

// Wall-clock and CPU time (user + system, all threads of this process) of run(), in ns, divided by count.
async function timed(run, count) {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await run();
  const wall = Number(process.hrtime.bigint() - start) / count;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: ((used.user + used.system) * 1000) / count };
}

// Sequential: one evaluation after the other, as a query would ask for its candidates.
function sequential(evaluate, cases, count = cases.length) {
  return timed(async () => {
    for (const { input } of cases) await evaluate(input);
  }, count);
}

// `inFlight` evaluations at a time (Zen runs them on its worker threads, so this may use both cores).
function concurrent(evaluate, cases, inFlight, count = cases.length) {
  return timed(async () => {
    for (let i = 0; i < cases.length; i += inFlight) await Promise.all(cases.slice(i, i + inFlight).map((c) => evaluate(c.input)));
  }, count);
}

// Medians (wall and CPU separately) of `times` runs of fn.
async function median(times, fn) {
  const runs = [];
  for (let r = 0; r < times; ++r) runs.push(await fn());
  const mid = (k) => runs.map((t) => t[k]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  return { wall: mid('wall'), cpu: mid('cpu') };
}

function version(modules, name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(modules, name, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

module.exports = { inputs, key, zenEngine, jreEngine, agree, timed, sequential, concurrent, median, version };
