import type { HtpasswdModel } from '../../../htpasswd/model';
import { sh } from '../../../core/shell';

export function workers(model: HtpasswdModel): string[] {
  const users = [...new Set(model.consumers.map((consumer) => consumer.workerUser))];
  return users.length > 0 ? users : ['www-data'];
}

export function fixCommands(model: HtpasswdModel): string[] {
  const path = model.file.serverPath ?? model.file.diskPath;
  const group = workers(model)[0];
  return [sh`chown ${`root:${group}`} ${path}`, sh`chmod 0640 ${path}`];
}

export const whole = (model: HtpasswdModel) => model.doc.index.range(0, 0);
