const {lowerPython}=require('./out/src/analyzer/python/lower');
const {interpret}=require('./out/src/analyzer/interpreter/interpreter');
const b=require('fs').readFileSync('./bench/analyzer.ts','utf8');
const m=/function block\(i: number\): string \{\n  return `([\s\S]*?)`;\n\}/.exec(b);
const block=(i)=>eval('`'+m[1].replace(/\$\{i\}/g,i)+'`');
let text='import tensorflow as tf\n'; for(let i=0;text.split('\n').length<10000;i++) text+=block(i);
const low=lowerPython(text);
for(let i=0;i<40;i++) interpret(low.module,{file:'x.py',language:'python'});
