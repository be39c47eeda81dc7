// examples/python/reuse_after_error.py written with Scope Lens's TypeScript API: create a
// variable and, when get_variable raises "already exists", reuse it. The Python program:
//
//   def get_scope_variable(scope_name, var_name, shape=None):
//     with tf.variable_scope(scope_name) as scope:
//       try:
//         var = tf.get_variable(var_name, shape)
//       except ValueError:
//         scope.reuse_variables()
//         var = tf.get_variable(var_name)
//     return var
import { getVariable, ValueError, Variable, variableScope } from '../../src/index';

export function getScopeVariable(scopeName: string, varName: string, shape?: number[]): Variable {
  return variableScope(scopeName, (scope) => {
    try {
      return getVariable(varName, { shape }) as Variable;
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
      scope.reuseVariables();
      return getVariable(varName) as Variable;
    }
  });
}

export function main(print: (line: string) => void): void {
  const var1 = getScopeVariable('cur_scope', 'my_var', [100]);
  const var2 = getScopeVariable('cur_scope', 'my_var', [100]);
  print(var1 === var2 ? 'True' : 'False');
  print(var1.name);
}
