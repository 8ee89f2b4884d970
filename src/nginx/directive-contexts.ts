import type { NginxConfig, Placed } from './config-tree';

/**
 * The contexts of nginx's command tables (NGX_MAIN_CONF → main, NGX_HTTP_SRV_CONF → http_srv…)
 * and which block opens which: the context a directive is read in decides whether nginx
 * accepts it there.
 */
const INNER: Record<string, Record<string, string>> = {
  main: { events: 'event', http: 'http_main', mail: 'mail_main', stream: 'stream_main' },
  http_main: { server: 'http_srv', upstream: 'http_ups' },
  http_srv: { location: 'http_loc', if: 'http_sif' },
  http_loc: { location: 'http_loc', if: 'http_lif', limit_except: 'http_lmt' },
  mail_main: { server: 'mail_srv' },
  stream_main: { server: 'stream_srv', upstream: 'stream_ups' },
};

/** What a person reads for a context name. */
export const CONTEXT_NAME: Record<string, string> = {
  main: 'the main context',
  event: 'events',
  http_main: 'http',
  http_srv: 'server',
  http_loc: 'location',
  http_sif: 'if inside server',
  http_lif: 'if inside location',
  http_lmt: 'limit_except',
  http_ups: 'upstream',
  mail_main: 'mail',
  mail_srv: 'mail server',
  stream_main: 'stream',
  stream_srv: 'stream server',
  stream_ups: 'stream upstream',
};

const START: Record<NginxConfig['context'], string> = { main: 'main', http: 'http_main', server: 'http_srv', location: 'http_loc' };

/**
 * Visit every directive of a configuration with the context nginx reads it in (includes
 * expanded). The visitor returns false to leave a block's contents alone; the contents of a
 * block whose context is unknown (a third-party block, a data block such as map or types) are
 * never visited.
 */
export function walkWithContext(config: NginxConfig, visit: (placed: Placed, context: string) => boolean): void {
  const walk = (items: readonly Placed[], where: string): void => {
    for (const placed of items) {
      if (placed.included) {
        walk(placed.included, where);
        continue;
      }
      if (!visit(placed, where)) continue;
      const inner = INNER[where]?.[placed.directive.name];
      if (placed.children && inner) walk(placed.children, inner);
    }
  };
  walk(config.items, START[config.context]);
}
