// Read once from package.json so that they never disagree with what is published.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const manifest = require('../package.json') as { version: string; docs: string };

export const VERSION: string = manifest.version;

/** Where the documentation is published (absolute, so that links work after a global install). */
export const DOCS_BASE: string = manifest.docs.replace(/\/+$/, '');
