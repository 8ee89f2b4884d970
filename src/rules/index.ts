import type { Rule, RuleMeta } from '../engine/rule';
import { INVALID_SUPPRESSION, UNUSED_SUPPRESSION } from '../engine/suppressions';
import { REGISTERED_RULES } from './registry';

/** Every rule authlint runs: one per folder under src/rules/<server>/<name>/ (see registry.ts). */
export const RULES: readonly Rule[] = REGISTERED_RULES;

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}

/** Every finding id authlint can report: the rules', and the engine's own about suppressions. */
export const RULE_METAS: readonly RuleMeta[] = [...RULES.map((rule) => rule.meta), UNUSED_SUPPRESSION, INVALID_SUPPRESSION];

export function findRuleMeta(id: string): RuleMeta | undefined {
  return RULE_METAS.find((meta) => meta.id === id);
}
