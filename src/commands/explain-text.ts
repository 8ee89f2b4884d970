import type { Predictions } from '../core/request';

/** The "predicted:" block and the notes that end both servers' explain text. */
export function predictionAndNotesLines(predicted: Predictions, notes: readonly string[]): string[] {
  const line = (label: string, p: Predictions['anonymous']) => `  ${label.padEnd(19)} ${p.status === null ? 'decided elsewhere' : p.status}  — ${p.reason}`;
  return [
    'predicted:',
    line('anonymous', predicted.anonymous),
    line('wrong credentials', predicted.wrongCredentials),
    ...(predicted.credentials ? [line('your credentials', predicted.credentials)] : []),
    ...notes.map((note) => `note: ${note}`),
  ];
}
