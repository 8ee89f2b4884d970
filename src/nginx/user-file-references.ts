import type { UserFileReference } from '../htpasswd/load';
import type { NginxModel } from './model';

/** Every auth_basic_user_file some request would open that exists, as a password-file reference. */
export function nginxUserFiles(models: readonly NginxModel[]): UserFileReference[] {
  const out: UserFileReference[] = [];
  for (const model of models) {
    const inUse = model.userFilesInUse();
    for (const [placed, state] of model.userFileStates()) {
      if (state.kind !== 'file' || !inUse.has(placed)) continue;
      out.push({
        diskPath: state.diskPath,
        serverPath: state.serverPath,
        consumer: { server: 'nginx', workerUser: model.workerUser, reference: { file: placed.file, range: placed.directive.args[0].range, chain: placed.chain } },
      });
    }
  }
  return out;
}
