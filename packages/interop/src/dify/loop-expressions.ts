import { quote } from './selectors.ts';

/**
 * Expressions that read a Dify loop's variables. A loop's state lives in two nodes
 * of its construct: the Loop Over Items node (the initial values) and the collector,
 * which records each finished round; assigners in the body update it within a round.
 */

/** `$("Name").isExecuted ? $("Name").first().json : {}`: a node's output, or nothing before it ran. */
export function outputIfRan(name: string): string {
  return `(${quote(name)}.isExecuted ? ${quote(name)}.first().json : {})`;
}

/** The loop variables when the round started: as the previous round left them, or their initial values. */
export function loopVariables(collect: string, loop: string): string {
  return `(${quote(collect)}.isExecuted ? ${quote(collect)}.first().json.output : ${quote(loop)}.item.json)`;
}

/**
 * The loop variables now, for an expression in the loop body: the round's start values
 * updated by the assigners that already ran in this round (after the collector's last run).
 */
export function currentLoopVariables(collect: string, loop: string, assigners: string[]): string {
  const c = quote(collect);
  const updates = assigners.map((name) => {
    const a = quote(name);
    return `(${a}.isExecuted && (!${c}.isExecuted || ${a}.runIndex > ${c}.runIndex) ? ${a}.first().json : {})`;
  });
  return updates.length === 0
    ? loopVariables(collect, loop)
    : `Object.assign({}, ${loopVariables(collect, loop)}, ${updates.join(', ')})`;
}

/** What one finished round of a loop contributes: its variables updated by every assigner of the body. */
export function finishedRound(collect: string, loop: string, assigners: string[]): string {
  return `Object.assign({}, ${loopVariables(collect, loop)}, ${assigners.map(outputIfRan).join(', ') || '{}'})`;
}
