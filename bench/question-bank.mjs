// A question bank of our own for generating large questionnaires: subjects × phrasings, so that
// questions repeat topics the way real questionnaires do while every text is unique.
const SUBJECTS = [
  'customer data encrypted at rest', 'data encrypted in transit', 'encryption keys rotated', 'MFA required for administrators',
  'single sign-on offered to customers', 'privileged access granted just in time', 'access reviews performed quarterly',
  'background checks done before production access', 'security awareness training given every year',
  'an information security policy approved by leadership', 'a risk assessment performed annually',
  'an internal audit programme in place', 'corrective actions tracked to closure', 'an incident response plan documented',
  'customers notified of incidents within a defined time', 'security events logged centrally', 'audit logs retained',
  'monitoring and alerting in place', 'backups taken daily', 'backup restores tested', 'a disaster recovery plan exercised',
  'the recovery time objective for the API defined', 'the platform resilient to the loss of a cloud provider',
  'DNS served by more than one provider', 'a public status page available', 'a list of sub-processors published',
  'suppliers assessed before onboarding', 'a data processing agreement offered', 'vulnerabilities reviewed monthly',
  'critical vulnerabilities fixed within days', 'a penetration test performed annually', 'a bug bounty programme run',
  'a vulnerability disclosure policy published', 'production changes made only through CI', 'infrastructure managed as code',
  'source code protected by branch protection', 'a secure development lifecycle followed', 'code reviewed before merge',
  'laptops protected by full-disk encryption', 'endpoints managed by MDM', 'an asset inventory maintained',
  'data loss prevention deployed', 'malware protection running on endpoints', 'networks segmented', 'egress traffic restricted',
  'a clear desk policy enforced', 'remote working governed by a procedure', 'NDAs signed by all staff',
  'a disciplinary process defined', 'leavers returning equipment', 'decommissioned laptops wiped',
  'CCTV installed in the offices', 'visitors logged at reception', 'a business impact analysis maintained',
  'the ISO 27001 certificate current', 'a SOC 2 Type II report available', 'PCI DSS compliance attested',
  'customer data isolated between tenants', 'capacity planning reviewed', 'clocks synchronised with NTP',
];
const FORMS = [
  'Is {s}?', 'Can you confirm {s}?', 'Please state whether {s}.', 'Describe how {s} is ensured.',
  'Is it true that {s} in production?', 'For each product, is {s}?', 'Has {s} been verified this year?',
  'Who checks that {s}?', 'Is evidence kept that {s}?', 'Is {s} across every environment?',
  'Explain the process by which {s}.', 'Does your organisation have {s}?',
];

/** `count` unique questions as a CSV with `id,question`, ids prefixed by `prefix`. */
export function questionnaireCsv(count, prefix = 'Q') {
  const lines = ['id,question'];
  for (let i = 0; i < count; i += 1) {
    const subject = SUBJECTS[i % SUBJECTS.length];
    const form = FORMS[Math.floor(i / SUBJECTS.length) % FORMS.length];
    const round = Math.floor(i / (SUBJECTS.length * FORMS.length));
    const text = form.replace('{s}', subject) + (round ? ` (set ${round + 1})` : '');
    lines.push(`${prefix}${i + 1},"${text.replaceAll('"', '""')}"`);
  }
  return lines.join('\n') + '\n';
}

/** The plain question texts of the same bank. */
export function questions(count) {
  return questionnaireCsv(count).trim().split('\n').slice(1).map((l) => l.slice(l.indexOf(',') + 2, -1).replaceAll('""', '"'));
}
