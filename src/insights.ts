import { CwInsights } from './components/insights/insights.js';
import { define } from './define.js';

export { CwInsights } from './components/insights/insights.js';
export type { ErrorDetail, InsightsExportDetail } from './core/events.js';

define('cw-insights', CwInsights);

declare global {
  interface HTMLElementTagNameMap {
    'cw-insights': CwInsights;
  }
}
