// Every file in this workspace is a test or a test's harness, which may run long: the house limit
// on a function's length (`max-lines-per-function`) is for source.
import { config } from '@nst/config/eslint';

export default [...config, { rules: { 'max-lines-per-function': 'off' } }];
