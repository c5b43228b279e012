"""The preview page: one self-contained HTML file a producer opens before air (no network, no
files beside it; works from ``file://``).

- a timeline of the segments (a bar each, coloured by speaker, named), the lower-third spans
  under it and a tick for every cue;
- the cue list: times, text as it will show, characters per second (cues over the reading
  limit marked), and the findings linked to the cues of their script line;
- the lower-thirds as they will look over a 16:9 frame (name line, title line, the action-
  and title-safe areas);
- with a video, a ``<video>`` playing it with the WebVTT captions as a track (built in the page
  from the WebVTT text it carries) and the lower-thirds drawn over it at their times.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence

from kztranscript import __version__
from kztranscript.model import Cue, Finding, SegmentKind
from kztranscript.timecode import smpte, vtt
from kztranscript.writers import Output
from kztranscript.writers.vtt import write as write_vtt

PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2", "#edc948", "#9c755f")
VOICE_COLOURS = {
    SegmentKind.LEAD: "#6b7280",
    SegmentKind.VOICEOVER: "#9ca3af",
}

_CSS = """
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;
background:#f5f5f4;color:#1c1917}
header{background:#1c1917;color:#fafaf9;padding:12px 20px}
header h1{font-size:18px;margin:0}
header p{margin:4px 0 0;color:#d6d3d1}
main{padding:16px 20px;max-width:1200px}
section{background:#fff;border-radius:8px;padding:12px 16px;margin:0 0 16px;
box-shadow:0 1px 2px #0002}
h2{font-size:15px;margin:0 0 10px}
.timeline{position:relative;height:92px;border-bottom:1px solid #d6d3d1;overflow:hidden}
.seg{position:absolute;top:0;height:34px;border-radius:4px;color:#fff;font-size:12px;
overflow:hidden;white-space:nowrap;text-overflow:ellipsis;padding:2px 4px;box-sizing:border-box}
.lt{position:absolute;top:40px;height:14px;background:#2563eb55;border:1px solid #2563eb;
border-radius:3px;box-sizing:border-box}
.tick{position:absolute;top:60px;width:1px;height:14px;background:#57534e}
.tick.fast{background:#dc2626;width:2px}
.scale{position:absolute;top:76px;font-size:11px;color:#78716c}
table{border-collapse:collapse;width:100%}
td,th{padding:3px 6px;border-bottom:1px solid #e7e5e4;vertical-align:top;text-align:left}
th{font-weight:600;color:#57534e}
td.t{font-variant-numeric:tabular-nums;white-space:nowrap;color:#57534e}
tr.fast td.cps{color:#dc2626;font-weight:700}
tr.fast{background:#fef2f2}
tr:target{outline:2px solid #2563eb}
.who{color:#57534e;font-size:12px}
.frames{display:flex;flex-wrap:wrap;gap:12px}
.frame{position:relative;width:384px;height:216px;background:#44403c;border-radius:4px;
overflow:hidden}
.safe{position:absolute;border:1px dashed #fff6;pointer-events:none}
.safe.action{left:3.5%;top:3.5%;right:3.5%;bottom:3.5%}
.safe.title{left:5%;top:5%;right:5%;bottom:5%}
.plate{position:absolute;left:5%;bottom:12%;max-width:80%}
.plate .name{background:#1d4ed8;color:#fff;font-weight:700;font-size:15px;padding:2px 8px}
.plate .title{background:#fff;color:#1c1917;font-size:12px;padding:2px 8px}
.at{position:absolute;right:6px;top:4px;color:#fff9;font-size:11px}
.finding.error{color:#b91c1c}.finding.warning{color:#b45309}.finding.info{color:#57534e}
.player{position:relative;display:inline-block}
.player video{width:768px;max-width:100%;background:#000}
.player .plate{display:none}
"""

_JS = """
(function(){
  var data = JSON.parse(document.getElementById('kzt-data').textContent);
  var video = document.querySelector('.player video');
  if (!video) return;
  var blob = new Blob([data.vtt], {type: 'text/vtt'});
  var track = document.createElement('track');
  track.kind = 'subtitles'; track.srclang = data.lang; track.label = data.lang;
  track.default = true; track.src = URL.createObjectURL(blob);
  track.addEventListener('load', function(){  // the browser read the captions
    document.body.dataset.cues = track.track.cues ? track.track.cues.length : -1;
  });
  video.appendChild(track);
  track.track.mode = 'showing';
  var plate = document.querySelector('.player .plate');
  var name = plate.querySelector('.name'), title = plate.querySelector('.title');
  video.addEventListener('timeupdate', function(){
    var ms = video.currentTime * 1000 + data.start, on = null;
    for (var i = 0; i < data.lowerThirds.length; i++) {
      var lt = data.lowerThirds[i];
      if (lt.in <= ms && ms < lt.out) { on = lt; break; }
    }
    plate.style.display = on ? 'block' : 'none';
    if (on) { name.textContent = on.name; title.textContent = on.title; }
  });
})();
"""


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _cps(cue: Cue) -> float:
    chars = sum(len(line) for line in cue.lines)
    return chars * 1000 / max(cue.end_ms - cue.start_ms, 1)


def write_preview(output: Output, video: str | None = None, limit_cps: float = 17.0) -> str:
    """The page for a pipeline result; ``video`` is a path or URL the page plays beside it
    (relative to the page, as written: the page never reads it)."""
    timeline, cues, items = output.timeline, output.cues, output.lower_thirds
    start = timeline.start_ms
    end = max([timeline.end_ms, *(c.end_ms for c in cues), start + 1])
    span = max(end - start, 1)
    fps = timeline.fps

    def pct(ms: int) -> str:
        return f"{(ms - start) * 100 / span:.3f}%"

    colours: dict[object, str] = {}
    bars = []
    for ts in timeline.segments:
        seg = ts.segment
        sp = seg.speaker
        if sp is not None:
            colour = colours.setdefault(sp.identity, PALETTE[len(colours) % len(PALETTE)])
            label = sp.label
        else:
            colour = VOICE_COLOURS.get(seg.kind, "#9ca3af")
            label = seg.kind.value
        width = f"{(ts.end_ms - ts.start_ms) * 100 / span:.3f}%"
        tip = f"{label} ({seg.kind.value}), line {seg.line}: {vtt(ts.start_ms)}–{vtt(ts.end_ms)}"
        bars.append(
            f'<div class="seg" data-kind="{seg.kind.value}" title="{_esc(tip)}" '
            f'style="left:{pct(ts.start_ms)};width:{width};background:{colour}">'
            f"{_esc(label)}</div>"
        )
    for lt in items:
        width = f"{(lt.out_ms - lt.in_ms) * 100 / span:.3f}%"
        bars.append(
            f'<div class="lt" title="{_esc(lt.name)}: {smpte(lt.in_ms, fps)}–'
            f'{smpte(lt.out_ms, fps)}" style="left:{pct(lt.in_ms)};width:{width}"></div>'
        )
    for n, cue in enumerate(cues, start=1):
        mark = " fast" if _cps(cue) > limit_cps else ""
        bars.append(
            f'<a class="tick{mark}" href="#cue-{n}" title="cue {n}" '
            f'style="left:{pct(cue.start_ms)}"></a>'
        )
    for k in range(5):
        at = start + span * k // 4
        bars.append(f'<div class="scale" style="left:{pct(at)}">{vtt(at)[:8]}</div>')

    by_line: dict[int, list[int]] = {}
    for n, cue in enumerate(cues, start=1):
        by_line.setdefault(cue.source_line, []).append(n)
    rows = []
    for n, cue in enumerate(cues, start=1):
        cps = _cps(cue)
        who = cue.speaker.label if cue.speaker else ""
        text = "<br>".join(_esc(line) for line in cue.lines)
        rows.append(
            f'<tr id="cue-{n}" class="cue-row{" fast" if cps > limit_cps else ""}">'
            f'<td class="t">{n}</td><td class="t">{vtt(cue.start_ms)}<br>{vtt(cue.end_ms)}</td>'
            f"<td>{text}{f'<div class=who>{_esc(who)}</div>' if who else ''}</td>"
            f'<td class="t cps">{cps:.1f}</td><td class="t">{cue.source_line}</td></tr>'
        )
    frames = []
    for lt in items:
        frames.append(
            '<div class="frame lt-item"><div class="safe action"></div><div class="safe title">'
            f'</div><div class="at">{smpte(lt.in_ms, fps)}–{smpte(lt.out_ms, fps)}</div>'
            f'<div class="plate"><div class="name">{_esc(lt.name)}</div>'
            f'<div class="title">{_esc(lt.title)}</div></div></div>'
        )
    findings = [_finding(f, by_line) for f in _findings(output)] or [
        '<li class="finding info">none</li>'
    ]
    data = {
        "vtt": write_vtt(output),
        "lang": output.script.language.value,
        "start": start,
        "lowerThirds": [
            {"in": lt.in_ms, "out": lt.out_ms, "name": lt.name, "title": lt.title} for lt in items
        ],
    }
    player = ""
    if video is not None:
        player = (
            '<section><h2>Video</h2><div class="player">'
            f'<video controls preload="metadata" src="{_esc(video)}"></video>'
            '<div class="plate"><div class="name"></div><div class="title"></div></div>'
            "</div></section>"
        )
    source = output.script.source
    fast = sum(1 for c in cues if _cps(c) > limit_cps)
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_esc(source)} — preview</title>"
        # nothing may load from anywhere: the page is whole in itself
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; media-src * blob: data:; "
        'img-src data:">'
        f"<style>{_CSS}</style></head><body>"
        f"<header><h1>{_esc(source)}</h1><p>{len(timeline.segments)} segments · {len(cues)} "
        f"cues ({fast} over {limit_cps:g} characters/s) · {len(items)} lower-thirds · "
        f"{vtt(start)}–{vtt(end)} at {fps} fps · language {output.script.language.value} · "
        f"kztranscript {__version__}</p></header><main>"
        f"{player}"
        f'<section><h2>Timeline</h2><div class="timeline">{"".join(bars)}</div></section>'
        f'<section><h2>Lower-thirds over 16:9</h2><div class="frames">{"".join(frames)}'
        "</div></section>"
        f'<section><h2>Findings</h2><ul class="findings">{"".join(findings)}</ul></section>'
        '<section><h2>Cues</h2><table class="cues"><thead><tr><th>#</th><th>time</th>'
        "<th>text</th><th>cps</th><th>line</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section>"
        "</main>"
        f'<script type="application/json" id="kzt-data">{_json(data)}</script>'
        f"<script>{_JS}</script></body></html>\n"
    )


def _json(data: object) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def _findings(output: Output) -> Sequence[Finding]:
    findings = getattr(output, "findings", None)
    if findings is None:
        findings = output.script.findings
    return tuple(findings)


def _finding(f: Finding, by_line: dict[int, list[int]]) -> str:
    links = "".join(f' <a href="#cue-{n}">cue {n}</a>' for n in by_line.get(f.line, [])[:3])
    return (
        f'<li class="finding {f.severity.value}"><b>{_esc(str(f.code))}</b> line {f.line}: '
        f"{_esc(f.message)}{links}</li>"
    )


def write(output: Output) -> str:
    """The preview page of a pipeline result, with no video."""
    return write_preview(output)
