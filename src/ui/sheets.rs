//! A4 print views of one case: the 结案审核表 (review sheet) and the 卷宗目录 (packet contents).

use leptos::prelude::*;

use super::browser;
use super::packet::verdict_of;
use super::state::{AppState, Screen};
use crate::core::ledger::model::Case;
use crate::core::ledger::packet::Item;
use crate::core::ledger::text::{chinese_date, chinese_dates_in};
use crate::core::rules::closure::{ItemStatus, Severity};

/// The screen around a sheet: back and print buttons, and the sheet itself.
fn sheet_screen(
    id: String,
    sheet: impl Fn(Case) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let back = id.clone();
    let case = state.ledger.with_untracked(|l| l.find(&id).cloned());
    view! {
        <div class="toolbar no-print">
            <button on:click=move |_| state.go(Screen::Case(back.clone()))>"← 返回案件"</button>
            <button class="primary" on:click=|_| browser::print()>"打印"</button>
            <span class="hint">"打印时请选择 A4 纸、纵向。"</span>
        </div>
        {match case {
            Some(case) => sheet(case),
            None => view! { <p class="empty">"找不到这件案件。"</p> }.into_any(),
        }}
    }
}

#[component]
pub fn ReviewSheet(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    sheet_screen(id, move |case| {
        let verdict = state.ledger.with_untracked(|l| verdict_of(l, &case));
        let general: Vec<String> =
            verdict.findings_for(None).map(|f| chinese_dates_in(&f.message)).collect();
        view! {
            <article class="sheet review-sheet">
                <h1>"信访积案结案审核表"</h1>
                <table class="sheet-grid">
                    <tr><th>"案件编号"</th><td>{case.number.clone()}</td><th>"交办文号"</th><td>{case.assignment_ref.clone()}</td></tr>
                    <tr><th>"信访人"</th><td>{case.petitioner.name.clone()}</td><th>"交办日期"</th><td>{chinese_date(case.assigned_on)}</td></tr>
                    <tr><th>"包案领导"</th><td>{case.lead.clone()}</td><th>"责任单位"</th><td>{case.responsible_unit.clone()}</td></tr>
                    <tr><th>"办结时限"</th><td>{chinese_date(case.deadline)}</td><th>"办结日期"</th><td>{chinese_date(case.packet.closed_on)}</td></tr>
                    <tr><th>"诉求摘要"</th><td colspan="3">{case.summary.clone()}</td></tr>
                </table>
                <h2>"“六有”材料审核（审核标准：" {verdict.standard} "）"</h2>
                <table class="sheet-grid items">
                    <thead><tr><th>"项"</th><th>"材料"</th><th>"情况"</th><th>"问题及补办要求"</th></tr></thead>
                    <tbody>
                        {Item::ALL.into_iter().map(|item| {
                            let status = match verdict.status_of(item) {
                                ItemStatus::Complete => "齐全",
                                ItemStatus::Missing => "缺少",
                                ItemStatus::Inconsistent => "需补正",
                            };
                            let reasons: Vec<String> = verdict.findings_for(Some(item)).map(|f| match f.severity {
                                Severity::Blocking => chinese_dates_in(&f.message),
                                Severity::Advisory => format!("（提示）{}", chinese_dates_in(&f.message)),
                            }).collect();
                            view! {
                                <tr>
                                    <td class="n">{item.number()}</td>
                                    <td>{item.label()}</td>
                                    <td class="st">{status}</td>
                                    <td>{reasons.into_iter().map(|r| view! { <p>{r}</p> }).collect_view()}</td>
                                </tr>
                            }
                        }).collect_view()}
                        {(!general.is_empty()).then(|| view! {
                            <tr><td class="n">"—"</td><td>"时限及其他"</td><td class="st">"需补正"</td>
                                <td>{general.into_iter().map(|r| view! { <p>{r}</p> }).collect_view()}</td></tr>
                        })}
                    </tbody>
                </table>
                <div class="closing">
                    <p class="conclusion">"系统审核结论：" <strong>{verdict.summary()}</strong></p>
                    <div class="sign">
                        <p>"审核意见："</p>
                        <div class="blank"></div>
                        <p class="sign-line">"审核人（签字）：＿＿＿＿＿＿＿＿　　　　日期：＿＿＿＿年＿＿月＿＿日"</p>
                    </div>
                </div>
            </article>
        }
        .into_any()
    })
}

#[component]
pub fn Contents(id: String) -> impl IntoView {
    sheet_screen(id, |case| {
        let rows: Vec<_> =
            case.packet.contents().into_iter().map(|(doc, page)| (doc.clone(), page)).collect();
        let total: u32 = rows.iter().map(|(d, _)| d.pages.unwrap_or(1).max(1)).sum();
        view! {
            <article class="sheet contents-sheet">
                <h1>"卷宗目录"</h1>
                <p class="sub">"案件编号：" {case.number.clone()} "　信访人：" {case.petitioner.name.clone()} "　责任单位：" {case.responsible_unit.clone()}</p>
                <table class="sheet-grid">
                    <thead><tr><th>"序号"</th><th>"六有项"</th><th>"材料名称"</th><th>"文号"</th><th>"日期"</th><th>"页号"</th></tr></thead>
                    <tbody>
                        {rows.into_iter().enumerate().map(|(i, (doc, page))| {
                            let pages = doc.pages.unwrap_or(1).max(1);
                            let range = if pages == 1 { page.to_string() } else { format!("{page}–{}", page + pages - 1) };
                            view! {
                                <tr>
                                    <td class="n">{i + 1}</td>
                                    <td class="n">{doc.item.number()}</td>
                                    <td>{doc.display_title().to_string()}</td>
                                    <td>{doc.doc_ref.clone()}</td>
                                    <td class="date">{chinese_date(doc.date)}</td>
                                    <td class="n">{range}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <p class="sub">"共 " {total} " 页"</p>
            </article>
        }
        .into_any()
    })
}
