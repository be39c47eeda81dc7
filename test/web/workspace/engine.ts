import { getVariable, variableScope } from 'scope-lens';

const w = variableScope('layer1', () => getVariable('w', { shape: [784, 256] }));
variableScope('layer1', () => getVariable('w', { shape: [784, 256] }));
console.log(w.name);
