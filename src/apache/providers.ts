/**
 * The providers httpd's stock modules register (ap_register_auth_provider in each module's
 * register_hooks): an AuthBasicProvider/AuthDigestProvider name is an authn provider, the first
 * word of a Require line an authz provider. A name no loaded module registers makes httpd -t
 * fail ("Unknown Authn provider: …" / "Unknown Authz provider: …"); a name no stock module
 * registers at all is most likely a typo. Read from apache/httpd's modules/aaa sources.
 */

/** authn provider → the module that registers it. */
export const AUTHN_PROVIDERS: Readonly<Record<string, string>> = {
  file: 'authn_file_module',
  dbm: 'authn_dbm_module',
  dbd: 'authn_dbd_module',
  anon: 'authn_anon_module',
  socache: 'authn_socache_module',
  ldap: 'authnz_ldap_module',
};

/** authz provider (Require's first word) → the module that registers it. */
export const AUTHZ_PROVIDERS: Readonly<Record<string, string>> = {
  all: 'authz_core_module',
  env: 'authz_core_module',
  method: 'authz_core_module',
  expr: 'authz_core_module',
  'valid-user': 'authz_user_module',
  user: 'authz_user_module',
  group: 'authz_groupfile_module',
  'dbm-group': 'authz_dbm_module',
  'dbm-file-group': 'authz_dbm_module',
  'dbd-group': 'authz_dbd_module',
  'file-owner': 'authz_owner_module',
  'file-group': 'authz_owner_module',
  ip: 'authz_host_module',
  host: 'authz_host_module',
  local: 'authz_host_module',
  'forward-dns': 'authz_host_module',
  'ldap-user': 'authnz_ldap_module',
  'ldap-group': 'authnz_ldap_module',
  'ldap-dn': 'authnz_ldap_module',
  'ldap-attribute': 'authnz_ldap_module',
  'ldap-filter': 'authnz_ldap_module',
  'ldap-search': 'authnz_ldap_module',
  'ssl': 'ssl_module',
  'ssl-verify-client': 'ssl_module',
};

/**
 * AuthType → the module that handles it. mod_authn_core accepts any AuthType; when the module
 * for it is not loaded, every request to the area is a 500 with "AH01796: AuthType … configured
 * without corresponding module" (checked against a real apache2). `None` needs no module.
 */
export const AUTH_TYPE_MODULES: Readonly<Record<string, string>> = {
  basic: 'auth_basic_module',
  digest: 'auth_digest_module',
  form: 'auth_form_module',
};
