import { useI18n } from 'vue-i18n';
import { ApiError } from '../api/client';

/** The text to show for a failed call: the API's error.message, or a translated network error. */
export function useErrorText() {
  const { t } = useI18n();
  return (error: unknown): string => {
    if (error instanceof ApiError) return error.status === 0 ? t('errors.network') : error.message;
    if (error instanceof Error) return error.message;
    return String(error);
  };
}

/** A message kept as its key and parameters, so it follows a language switch after it was shown. */
export interface Msg {
  key: string;
  params?: Record<string, unknown>;
}
