/** The fixed query list of the search benchmark: ids, stories, names, typos, prefixes. */
export const QUERIES = [
  'T1204', 't1059.001', 'T1003', 'T1566', 'T1562.001', 'T1190', 'T1078', 'T1110', 'T1218', 'T1547',
  'Kubernetes Security', 'Ransomware', 'Data Destruction', 'Azure Active Directory Account Takeover', 'Windows Persistence Techniques',
  'Log4Shell', 'AWS IAM Privilege Escalation', 'Suspicious Command-Line Executions', 'Credential Dumping', 'Living Off The Land',
  'powershell encoded', 'kubernetes falco shell', 'lsass memory dump', 'certutil download', 'rundll32',
  'scheduled task', 'mimikatz', 'o365 mailbox forwarding', 'okta mfa', 'cloudtrail',
  'powershel', 'kubernets', 'credntial', 'regsvr32 silnt', 'wmic proces',
  'story:ransomware', 'tactic:persistence', 'ds:sysmon', 'type:ttp', 'technique:T1059',
  'CVE-2021-44228', 'CVE-2023-23397', '"encoded command"', 'windows defender', 'service stop',
  'registry run keys', 'dns exfiltration', 'github', 'suspicious process', 'net.exe',
];
