export {
  formatReport,
  runConformance,
  SUITES,
  type ConformanceOptions,
  type ConformanceReport,
  type ForeignBackend,
  type OperationReport,
  type OperationVerdict,
  type SuiteName,
} from './runner.js';
