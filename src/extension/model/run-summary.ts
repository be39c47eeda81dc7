/** The Run output's closing line for a program that ended with an uncaught error. */

function firstLine(s: string): string {
  const nl = s.indexOf('\n');
  return nl < 0 ? s : s.slice(0, nl);
}

/**
 * The run's last line for an uncaught error: the exception and TF's first line, then where it
 * was raised. When TF's first line ends with "Originally defined at:", the frames TF prints
 * after it follow (as in the traceback), so the location is never read as the place it names.
 */
export function summaryLine(type: string, message: string, where: string): string {
  const head = `✗ ${type}: ${firstLine(message)}`;
  if (!/Originally defined at:$/.test(firstLine(message)))
    return where ? `${head} at ${where}` : head;
  const frames = message
    .slice(firstLine(message).length)
    .replace(/^(\r?\n)+/, '')
    .trimEnd();
  return [
    head,
    ...(frames ? ['', frames, ''] : []),
    ...(where ? [`  raised at ${where}`] : []),
  ].join('\n');
}
