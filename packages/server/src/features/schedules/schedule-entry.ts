import { GuixuError, type NodeRegistry, type Workflow, type WorkflowNode } from '@guixu/core';
import { type ScheduleRule, scheduleRules } from '@guixu/nodes';
import { Cron } from 'croner';
import { IANAZone } from 'luxon';

export interface CompiledRule {
  rule: ScheduleRule;
  cron: Cron;
}

/** One Schedule Trigger node of an active workflow, ready to compute its ticks. */
export interface ScheduleEntry {
  workflowId: string;
  workflowVersion: number;
  workflow: Workflow;
  node: WorkflowNode;
  timezone: string;
  rules: CompiledRule[];
  /** Changes when the rules or timezone change: a stored next tick of other rules is recomputed. */
  signature: string;
}

/** The next tick strictly after `after` (ms), or undefined when no rule fires again. */
export function nextTick(entry: ScheduleEntry, after: number): number | undefined {
  let best: number | undefined;
  const from = new Date(after);
  for (const { cron } of entry.rules) {
    const next = cron.nextRun(from)?.getTime();
    if (next !== undefined && (best === undefined || next < best)) best = next;
  }
  return best;
}

/** Rules that fire exactly at `tick`. */
export function rulesAt(entry: ScheduleEntry, tick: number): CompiledRule[] {
  const before = new Date(tick - 1);
  return entry.rules.filter(({ cron }) => cron.nextRun(before)?.getTime() === tick);
}

/** Every enabled schedule-kind trigger of a workflow; throws SCHEDULE_INVALID naming node and parameter. */
export function scheduleEntries(
  workflow: Workflow,
  meta: { id: string; version: number },
  registry: NodeRegistry,
): ScheduleEntry[] {
  const timezone = workflow.settings?.timezone || 'UTC';
  const nodes = workflow.nodes.filter(
    (node) => !node.disabled && registry.find(node.type, node.typeVersion)?.trigger?.kind === 'schedule',
  );
  if (nodes.length > 0 && !IANAZone.isValidZone(timezone)) {
    throw new GuixuError(
      'SCHEDULE_INVALID',
      `The workflow's timezone "${timezone}" is not a known IANA time zone (e.g. "Europe/Berlin", "UTC")`,
      { node: nodes[0].name, parameter: 'settings.timezone' },
    );
  }
  return nodes.map((node) => {
    const rules = scheduleRules(node.parameters, node.name).map((rule) => ({
      rule,
      cron: new Cron(rule.cron, { paused: true, timezone }),
    }));
    return {
      workflowId: meta.id,
      workflowVersion: meta.version,
      workflow,
      node,
      timezone,
      rules,
      signature: JSON.stringify([timezone, rules.map((r) => [r.rule.cron, r.rule.recurrence ?? null])]),
    };
  });
}
