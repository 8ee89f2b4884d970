/** The kinds of file authlint lints. */
export type FileKind = 'nginx' | 'apache' | 'htaccess' | 'htpasswd';
