export {
  formatReport,
  runConformance,
  type ConformanceOptions,
  type ConformanceReport,
  type ForeignBackend,
  type OperationReport,
  type OperationVerdict,
} from './runner.js';
