"""The work plan page's landmarks are few and each uniquely named; every scroll box is a
keyboard-reachable region (the sections inside a project are headings, not regions)."""

import re
from collections import Counter


def test_every_region_of_the_work_plan_page_has_its_own_name(seeded, client):
    html = client.get("/workplan/2023/").content.decode()
    ids = dict(re.findall(r'id="([^"]+)"[^>]*>(.*?)</h\d>', html, flags=re.S))
    names = []
    for tag in re.findall(r"<(?:section|div)\b[^>]*(?:aria-labelledby|aria-label)=[^>]*>", html):
        if tag.startswith("<section") or 'role="region"' in tag:
            label = re.search(r'aria-label="([^"]+)"', tag)
            if label:
                names.append(label.group(1))
            else:
                ref = re.search(r'aria-labelledby="([^"]+)"', tag).group(1)
                names.append(re.sub(r"<[^>]+>|\s+", " ", ids.get(ref, ref)).strip())
        if 'class="table-wrap"' in tag:
            assert 'tabindex="0"' in tag and 'role="region"' in tag, tag
    repeated = {name: n for name, n in Counter(names).items() if n > 1}
    assert not repeated, repeated
    assert "사업개요" not in names
    assert not re.search(r'<section class="wp-section[^"]*"[^>]*aria-labelledby', html)
