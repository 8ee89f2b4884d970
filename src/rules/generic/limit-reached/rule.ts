import { loaderDiagnosticRule } from '../../loader-diagnostic-rule';
import type { Rule } from '../../../engine/rule';

/**
 * authlint stopped following part of the input at one of its safety bounds (a walk's depth or
 * entry count, a link loop, a glob's match count, a value grown past its size, sections nested
 * too deep). What lies beyond the bound was not checked, and silence there would read as "fine".
 */
export const limitReached: Rule = loaderDiagnosticRule({
  id: 'generic/limit-reached',
  severity: 'warning',
  description: 'Part of the input was not read because it passed one of authlint\'s safety bounds (walk depth or size, link loop, glob matches, value size); it was not checked.',
});
