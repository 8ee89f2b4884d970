/**
 * The modules Debian's apache2 has compiled in (`apache2 -l`: core, mod_so, mod_watchdog,
 * http_core, mod_log_config, mod_logio, mod_version, mod_unixd). Upstream builds and RHEL load
 * most of them with LoadModule instead, so whether one is missing depends on the build.
 */
export const DEBIAN_BUILT_IN_MODULES: ReadonlySet<string> = new Set(['core_module', 'so_module', 'watchdog_module', 'http_module', 'log_config_module', 'logio_module', 'version_module', 'unixd_module']);
