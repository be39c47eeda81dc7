const {performance}=require('perf_hooks');
const {parser}=require('@lezer/python');
const {lowerPython}=require('./out/src/analyzer/python/lower');
const {interpret}=require('./out/src/analyzer/interpreter/interpreter');
const b=require('fs').readFileSync('./bench/analyzer.ts','utf8');
const m=/function block\(i: number\): string \{\n  return `([\s\S]*?)`;\n\}/.exec(b);
const block=(i)=>eval('`'+m[1].replace(/\$\{i\}/g,i)+'`');
for (const N of [1000,10000]){
let text='import tensorflow as tf\n'; for(let i=0;text.split('\n').length<N;i++) text+=block(i);
function t(name,fn,n=15){const xs=[];let r;for(let i=0;i<n;i++){const t0=performance.now();r=fn();xs.push(performance.now()-t0);}xs.sort((a,b)=>a-b);console.log(N,name,xs[0].toFixed(1), xs[n>>1].toFixed(1));return r;}
const tree=t('parse',()=>parser.parse(text));
const low=t('lower',()=>lowerPython(text));
t('interpret',()=>interpret(low.module,{file:'x.py',language:'python'}));
}
