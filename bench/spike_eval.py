"""False outbound-spike alerts per 10k messages of a realgen log: alerts from `vigie analyze --json`, truth from truth.json."""
import json, re, sys
report, log, truth = sys.argv[1:4]
t = json.load(open(truth))
compromised = {t['compromised_account']}
d = json.load(open(report))
def rid(a): return a['rule']['id'] if isinstance(a.get('rule'), dict) else a.get('rule')
spikes = [a for a in d['alerts'] if 'spike' in rid(a)]
entities = [ (a.get('user') or {}).get('email') or a.get('message','').split(' ')[0] for a in spikes]
messages = sum(1 for line in open(log, errors='replace') if re.search(r'qmgr\[\d+\]: \w+: from=<[^>]*>, size=', line))
false = [e for e in entities if e not in compromised]
print(json.dumps({"messages_queued": messages, "spike_alerts": entities, "false": false,
                  "false_per_10k": round(len(false) * 10000 / messages, 1),
                  "compromised_found": sorted(compromised & set(entities))}))
