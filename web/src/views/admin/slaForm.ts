// Targets are stored in minutes and edited in hours ("1.5" = 90 minutes); empty means no such target.

export function toMinutes(hours: string): number | null {
  const text = hours.trim().replace(',', '.');
  if (!text) return null;
  const value = Number(text);
  if (!Number.isFinite(value)) return NaN;
  return Math.round(value * 60);
}

export function fromMinutes(minutes: number | null): string {
  if (minutes === null || minutes === undefined) return '';
  return String(Math.round((minutes / 60) * 100) / 100);
}
