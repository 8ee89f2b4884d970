import { hasTemplatePlaceholder } from '../../../core/templates';

/** AuthUserFile directives whose value is a path (a template placeholder is not one yet). */
export function userFiles(model: import('../../../apache/model').ApacheModel) {
  return model.scopes().flatMap((scope) => scope.directives.filter((d) => /^authuserfile$/i.test(d.directive.name) && d.args[0] && !hasTemplatePlaceholder(d.args[0])));
}
