//! The closure packet on the case page: the six 六有 items with their documents, a live status
//! per item, the verdict of the chosen standard, and the closure date and extension.

use leptos::prelude::*;

use super::browser;
use super::state::{AppState, Screen};
use crate::core::ledger::model::{Case, Ledger, StandardId};
use crate::core::ledger::packet::{
    DocKind, Document, Extension, Item, Packet, ReplyChecks, VisitResponse,
};
use crate::core::ledger::text::{date_text, parse_date};
use crate::core::rules::closure::{check, ItemStatus, Severity, Verdict, STANDARDS};
use crate::core::rules::workflow::Return;

/// The verdict for a case under the ledger's standard and campaign, as of today.
pub fn verdict_of(ledger: &Ledger, case: &Case) -> Verdict {
    check(case, ledger.standard.standard(), &ledger.campaign, browser::today())
}

/// Changes the packet of case `id` and saves; says whether the change was kept.
fn change_packet(state: AppState, id: &str, f: impl FnOnce(&mut Packet)) -> bool {
    state.change_case(id, |case| f(&mut case.packet))
}

#[component]
pub fn PacketSection(case: Case) -> impl IntoView {
    let state = expect_context::<AppState>();
    let verdict = state.ledger.with_untracked(|l| verdict_of(l, &case));
    let id = StoredValue::new(case.id.clone());
    // The document being added or edited, if any.
    let editing = RwSignal::new(None::<Document>);

    let items = Item::ALL
        .into_iter()
        .map(|item| {
            let status = verdict.status_of(item);
            let reasons: Vec<_> = verdict.findings_for(Some(item)).cloned().collect();
            let docs: Vec<Document> = case.packet.in_item(item).cloned().collect();
            let (badge, class) = match status {
                ItemStatus::Complete => ("✓ 齐全", "ok"),
                ItemStatus::Missing => ("✗ 缺少材料", "missing"),
                ItemStatus::Inconsistent => ("! 需补正", "inconsistent"),
            };
            view! {
                <section class=format!("packet-item {class}") data-item=item.number()>
                    <header>
                        <h4>"第" {item.number()} "项　" {item.label()}</h4>
                        <span class=format!("badge {class}")>{badge}</span>
                    </header>
                    <Findings findings=reasons/>
                    {(!docs.is_empty()).then(|| view! { <DocTable docs=docs.clone() editing=editing case_id=id/> })}
                    <div class="add-doc no-print">
                        {item.kinds().iter().map(|kind| {
                            let kind = *kind;
                            view! {
                                <button class="plain" on:click=move |_| {
                                    editing.set(Some(Document { id: browser::new_id(), ..Document::new(item, kind) }));
                                }>"＋ " {kind.label()}</button>
                            }
                        }).collect_view()}
                    </div>
                    {move || editing.get().filter(|d| d.item == item).map(|doc| {
                        view! { <DocEditor doc=doc editing=editing case_id=id/> }
                    })}
                </section>
            }
        })
        .collect_view();

    view! {
        <section class="packet">
            <div class="packet-head">
                <h3>"结案材料审核"</h3>
                <label class="standard no-print">"审核标准 "
                    <select on:change=move |ev| {
                        let chosen = StandardId(event_target_value(&ev));
                        state.change(|l| l.standard = chosen);
                    }>
                        {STANDARDS.iter().map(|s| {
                            let selected = state.ledger.with_untracked(|l| l.standard.0 == s.id);
                            view! { <option value=s.id selected=selected>{s.name}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <span class="spacer"></span>
                <button class="no-print" on:click=move |_| state.go(Screen::ReviewSheet(id.get_value()))>"结案审核表"</button>
                <button class="no-print" on:click=move |_| state.go(Screen::Contents(id.get_value()))>"卷宗目录"</button>
            </div>
            <VerdictBox verdict=verdict.clone() returned=crate::core::rules::workflow::returned(&case)/>
            <ClosureDates case=case.clone()/>
            {items}
        </section>
    }
}

#[component]
pub fn VerdictBox(verdict: Verdict, returned: Option<Return>) -> impl IntoView {
    let blocking = verdict.findings.iter().filter(|f| f.severity == Severity::Blocking).count();
    let general: Vec<_> = verdict.findings_for(None).cloned().collect();
    // One meaning per word: 可以上报 when the check passes, 退回补办 only when a reviewer sent
    // the packet back, otherwise how many items are complete.
    let (class, title) = match (verdict.ready(), returned) {
        (true, _) => ("verdict ready", "✓ 可以上报".to_string()),
        (false, Some(returned)) => (
            "verdict blocked",
            format!("✗ {}：还有 {blocking} 处需要补办或更正", returned.describe()),
        ),
        (false, None) => (
            "verdict partial",
            format!(
                "材料 {}/{} 齐全：还有 {blocking} 处需要补办或更正",
                verdict.complete_items(),
                verdict.total_items()
            ),
        ),
    };
    view! {
        <div class=class id="verdict" role="status">
            <p class="title"><strong>{title}</strong></p>
            <p class="meta" id="verdict-count">"审核标准：" {verdict.standard} "　·　" {verdict.standard} "齐全 "
                {verdict.complete_items()} "/" {verdict.total_items()}</p>
            <Findings findings=general/>
        </div>
    }
}

#[component]
fn Findings(findings: Vec<crate::core::rules::closure::Finding>) -> impl IntoView {
    (!findings.is_empty()).then(|| {
        view! {
            <ul class="findings">
                {findings.into_iter().map(|f| {
                    let (class, tag) = match f.severity {
                        Severity::Blocking => ("blocking", "须补办"),
                        Severity::Advisory => ("advisory", "提示"),
                    };
                    view! { <li class=class><span class="tag">{tag}</span>{f.message}</li> }
                }).collect_view()}
            </ul>
        }
    })
}

#[component]
fn DocTable(
    docs: Vec<Document>,
    editing: RwSignal<Option<Document>>,
    case_id: StoredValue<String>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <table class="docs">
            <thead><tr><th>"材料"</th><th>"文号"</th><th>"日期"</th><th>"签字"</th><th>"公章"</th><th>"页数"</th><th class="no-print"></th></tr></thead>
            <tbody>
                {docs.into_iter().map(|doc| {
                    let (for_edit, doc_id) = (doc.clone(), doc.id.clone());
                    let mut note = doc.note.clone();
                    if let Some(response) = doc.visit_response {
                        note = format!("{}{}{}", response.label(), if doc.visit_reason.trim().is_empty() { "" } else { "，原因：" }, doc.visit_reason.trim());
                    }
                    view! {
                        <tr>
                            <td><strong>{doc.display_title().to_string()}</strong>
                                {(doc.title.trim() != "" && doc.title.trim() != doc.kind.label()).then(|| view! { <span class="kind">{doc.kind.label()}</span> })}
                                {(!note.is_empty()).then(|| view! { <div class="note">{note}</div> })}
                            </td>
                            <td>{doc.doc_ref.clone()}</td>
                            <td class="date">{date_text(doc.date)}</td>
                            <td>{doc.signed_by.clone()}</td>
                            <td>{if doc.sealed { "有" } else { "无" }}</td>
                            <td>{doc.pages.map(|p| p.to_string()).unwrap_or_default()}</td>
                            <td class="no-print row-actions">
                                <button class="plain" on:click=move |_| editing.set(Some(for_edit.clone()))>"修改"</button>
                                <button class="plain danger" on:click=move |_| {
                                    let doc_id = doc_id.clone();
                                    change_packet(state, &case_id.get_value(), |p| p.remove(&doc_id));
                                }>"移除"</button>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The inline form for one document. Only the fields its kind needs are shown; the ledger's
/// values are shown beside the fields the check compares, so the clerk can see a mismatch.
#[component]
fn DocEditor(
    doc: Document,
    editing: RwSignal<Option<Document>>,
    case_id: StoredValue<String>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let draft = RwSignal::new(doc.clone());
    let ledger_case =
        state.ledger.with_untracked(|l| l.find(&case_id.get_value()).cloned()).unwrap_or_default();
    let kind = doc.kind;
    let is_new = !ledger_case.packet.documents.iter().any(|d| d.id == doc.id);

    macro_rules! text {
        ($label:expr, $field:ident, $hint:expr) => {{
            let hint: String = $hint;
            view! {
                <label class="field">
                    <span class="label">{$label}</span>
                    <input type="text" prop:value=move || draft.with(|d| d.$field.clone())
                        on:input=move |ev| draft.update(|d| d.$field = event_target_value(&ev))/>
                    {(!hint.is_empty()).then(|| view! { <span class="hint">{hint}</span> })}
                </label>
            }
        }};
    }
    let ledger_hint = |what: &str, value: &str| {
        if value.trim().is_empty() {
            format!("台账未填写{what}")
        } else {
            format!("台账：{}", value.trim())
        }
    };

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let doc = draft.get_untracked();
        // Refused (a text over the limits): the editor stays open with what was typed.
        if change_packet(state, &case_id.get_value(), |p| p.upsert(doc)) {
            editing.set(None);
        }
    };

    let kind_specific = match kind {
        DocKind::AssignmentLetter => view! {
            <p class="hint wide">{ledger_hint("交办文号", &ledger_case.assignment_ref)} "；"
                {ledger_hint("交办日期", &date_text(ledger_case.assigned_on))}</p>
        }.into_any(),
        DocKind::DesignationDocument | DocKind::Minutes => view! {
            {text!("确定的包案领导", names_lead, ledger_hint("包案领导", &ledger_case.lead))}
            {text!("确定的责任单位", names_unit, ledger_hint("责任单位", &ledger_case.responsible_unit))}
        }.into_any(),
        DocKind::StabilityPlan => {
            text!("稳控责任人", names_owner, ledger_hint("稳控责任人", &ledger_case.stability_owner)).into_any()
        }
        // The reviewer's points on a written reply, ticked off the paper.
        DocKind::WrittenReply => view! {
            <fieldset class="reply-checks wide">
                <legend>"答复意见书审核要点（对照纸质材料逐项勾选）"</legend>
                {ReplyChecks::default().ticks().into_iter().enumerate().map(|(i, (label, _))| view! {
                    <label class="check">
                        <input type="checkbox"
                            prop:checked=move || draft.with(|d| d.reply_checks.ticks()[i].1)
                            on:change=move |ev| {
                                let ticked = event_target_checked(&ev);
                                draft.update(|d| if let Some(t) = d.reply_checks.tick_mut(i) { *t = ticked });
                            }/>
                        {label}
                    </label>
                }).collect_view()}
            </fieldset>
        }.into_any(),
        DocKind::FollowUpVisit => view! {
            <label class="field">
                <span class="label">"信访人意见"</span>
                <select on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    draft.update(|d| d.visit_response = VisitResponse::ALL.into_iter().find(|r| r.label() == chosen));
                }>
                    {VisitResponse::ALL.into_iter().map(|r| view! {
                        <option value=r.label() selected=move || draft.with(|d| d.visit_response == Some(r))>{r.label()}</option>
                    }).collect_view()}
                </select>
            </label>
            {text!("不同意或拒签的原因（回访人注明）", visit_reason, String::new())}
        }.into_any(),
        _ => ().into_any(),
    };
    let signer_hint = match kind {
        DocKind::InvestigationReport | DocKind::ClosureReport => format!(
            "{}；{}",
            ledger_hint("包案领导", &ledger_case.lead),
            ledger_hint("承办人", &ledger_case.handler)
        ),
        _ => "多人用顿号“、”分隔".to_string(),
    };

    view! {
        <form class="doc-editor no-print" on:submit=save novalidate>
            <h5>{if is_new { "添加材料：" } else { "修改材料：" }} {kind.label()}</h5>
            {text!("标题", title, format!("不填则显示为“{}”", kind.label()))}
            {text!("文号", doc_ref, String::new())}
            <label class="field">
                <span class="label">"日期"</span>
                <input type="date" prop:value=move || draft.with(|d| date_text(d.date))
                    on:input=move |ev| draft.update(|d| d.date = parse_date(&event_target_value(&ev)).ok().flatten())/>
            </label>
            {text!("签字人", signed_by, signer_hint)}
            <label class="field">
                <span class="label">"页数"</span>
                <input type="number" min="1" prop:value=move || draft.with(|d| d.pages.map(|p| p.to_string()).unwrap_or_default())
                    on:input=move |ev| draft.update(|d| d.pages = event_target_value(&ev).trim().parse().ok())/>
            </label>
            <label class="check field-check">
                <input type="checkbox" prop:checked=move || draft.with(|d| d.sealed)
                    on:change=move |ev| draft.update(|d| d.sealed = event_target_checked(&ev))/>
                "加盖单位公章"
            </label>
            {kind_specific}
            {text!("备注", note, String::new())}
            <div class="buttons wide">
                <button type="submit" class="primary">"保存材料"</button>
                <button type="button" on:click=move |_| editing.set(None)>"取消"</button>
            </div>
        </form>
    }
}

/// 办结日期 and an approved extension of the time limit.
#[component]
fn ClosureDates(case: Case) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = StoredValue::new(case.id.clone());
    let packet = case.packet.clone();
    let ext = packet.extension.clone().unwrap_or_default();
    let days = if ext.days > 0 { ext.days.to_string() } else { String::new() };
    let (due, policy) = state.ledger.with_untracked(|l| {
        let rule = l.campaign.deadline_rule;
        let due = match l.campaign.deadline(&case) {
            Ok(Some(d)) => format!("{}（{}）", date_text(Some(d.due())), d.explain(rule)),
            Ok(None) => "未定".into(),
            Err(out_of_range) => out_of_range.to_string(),
        };
        (due, l.campaign.extensions)
    });
    let extension_label = if policy.allowed {
        format!("延期天数（最多 {} 天，须附延期告知书）", policy.max_days)
    } else {
        "延期天数（本专项工作设置为不允许延期）".to_string()
    };
    let set_closed = move |ev: leptos::ev::Event| {
        let closed = parse_date(&event_target_value(&ev)).ok().flatten();
        change_packet(state, &id.get_value(), |p| p.closed_on = closed);
    };
    let set_ext = move |f: fn(&mut Extension, String)| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            change_packet(state, &id.get_value(), |p| {
                let mut ext = p.extension.take().unwrap_or_default();
                f(&mut ext, value);
                p.extension = (ext != Extension::default()).then_some(ext);
            });
        }
    };
    view! {
        <div class="closure-dates">
            <label class="field"><span class="label">"办结日期"</span>
                <input type="date" prop:value=date_text(packet.closed_on) on:change=set_closed/></label>
            <span class="field"><span class="label">"办结时限"</span><span class="value">{due}</span></span>
            <label class="field"><span class="label">{extension_label}</span>
                <input type="number" min="0" max="30" prop:value=days
                    on:change=set_ext(|e, v| e.days = v.trim().parse().unwrap_or(0))/></label>
            <label class="field"><span class="label">"延期批准领导"</span>
                <input type="text" prop:value=ext.approver.clone() on:change=set_ext(|e, v| e.approver = v.trim().to_string())/></label>
            <label class="field"><span class="label">"延期批准日期"</span>
                <input type="date" prop:value=date_text(ext.approved_on)
                    on:change=set_ext(|e, v| e.approved_on = parse_date(&v).ok().flatten())/></label>
        </div>
    }
}
