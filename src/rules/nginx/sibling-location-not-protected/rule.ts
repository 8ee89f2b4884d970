import { describeLocation, locationInfo } from '../../../nginx/request/locations';
import { authLines, nestedBlock, ownDirectiveLines } from '../fix-snippets';
import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';
import { explicitlyOff, headerRange, protection } from '../helpers';

/** N12: an exact or longer-prefix sibling under a protected prefix does not inherit its auth. */
export const siblingLocationNotProtected: Rule = {
  meta: {
    id: 'nginx/sibling-location-not-protected',
    severity: 'error',
    description: 'An exact or longer prefix location under a protected prefix (its sibling, not its child) has no auth.',
  },
  check(context) {
    for (const model of context.nginx) {
      for (const scope of model.allScopes()) {
        if (scope.kind !== 'location' || !protection(model, scope).intended) continue;
        const info = locationInfo(scope);
        // A protected catch-all "/" with public siblings (/static/, /media/) is a site layout, not a slip.
        if ((info.modifier !== '' && info.modifier !== '^~') || info.path === '/') continue;
        for (const sibling of scope.parent?.children ?? []) {
          if (sibling === scope || sibling.kind !== 'location') continue;
          const other = locationInfo(sibling);
          if ((other.modifier !== '' && other.modifier !== '^~' && other.modifier !== '=') || !other.path.startsWith(info.path) || other.path === info.path) continue;
          if (protection(model, sibling).intended || explicitlyOff(model, sibling)) continue;
          context.report({
            file: sibling.block!.file,
            range: headerRange(sibling.block!),
            chain: sibling.block!.chain,
            message: `${describeLocation(other)} lies under the protected ${describeLocation(info)} but is its sibling, not its child, so it inherits none of its auth: ${other.path} is served without a password (200)`,
            related: [{ file: scope.block!.file, range: scope.block!.directive.nameWord.range, message: `the protected ${describeLocation(info)}` }],
            fix: {
              snippet: nestedBlock(describeLocation(info), [...authLines(model, scope), '# nested, it inherits the password:', nestedBlock(describeLocation(other), ownDirectiveLines(sibling))]),
              commands: [...NGINX_TEST_AND_RELOAD],
            },
          });
        }
      }
    }
  },
};
