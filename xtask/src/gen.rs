//! Synthetic but realistic ledgers for the benchmark, built with the app's own core model and
//! written with its own exchange writer, so a generated file is exactly what a clerk would import.
//!
//! Deterministic: the same `--cases` and `--seed` always give the same bytes. Texts are put
//! together from phrase banks modelled on the seeds (shared/seeds) with random names, places,
//! numbers and dates, so they vary the way a real ledger does (and do not compress unrealistically
//! well: every case has its own people, places, figures and dates).

use chrono::{Duration, NaiveDate, NaiveDateTime};
use jiean::core::exchange::json::write_ledger;
use jiean::core::ledger::model::{
    Case, Category, Flag, Ledger, Petitioner, ProgressEntry, Source, StandardId, Status,
};
use jiean::core::ledger::packet::{DocKind, Document, Extension, Item, Packet, VisitResponse};

/// SplitMix64: a tiny, well-mixed deterministic generator; plenty for synthetic data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next_u64() % items.len() as u64) as usize]
    }
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
    "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏",
    "韦", "龚", "欧阳", "司马",
];
const GIVEN: &[&str] = &[
    "建国", "建华", "国强", "志刚", "秀英", "桂英", "玉兰", "海燕", "卫东", "红梅", "永福", "德明",
    "淑珍", "春生", "金花", "文斌", "丽华", "小平", "显恩", "开叶", "明", "伟", "芳", "军", "勇",
    "静", "磊", "洋", "艳", "杰", "娟", "涛", "超", "秀兰", "宝山", "长林", "凤英", "富贵", "满仓",
    "庆丰", "学军", "振华", "少华", "立新", "跃进", "援朝", "爱民", "红旗",
];
const TOWNS: &[&str] = &[
    "城关镇",
    "塘边镇",
    "新店乡",
    "河口镇",
    "柳林镇",
    "白石乡",
    "青山镇",
    "东关街道",
    "西城街道",
    "南湖街道",
    "双河镇",
    "龙泉镇",
    "桥头镇",
    "石门乡",
    "清水镇",
    "杨柳乡",
    "马坊镇",
    "古城镇",
    "三里街道",
    "兴隆镇",
];
const VILLAGES: &[&str] = &[
    "新店",
    "红星",
    "前进",
    "王庄",
    "李家湾",
    "张家沟",
    "马鞍山",
    "柳树",
    "杏花",
    "桃园",
    "五里铺",
    "八里岗",
    "河西",
    "大坪",
    "石桥",
    "双庙",
    "高家庄",
    "东风",
    "团结",
    "光明",
    "和平",
    "建设",
];
const UNITS: &[&str] = &[
    "县自然资源局",
    "县住房和城乡建设局",
    "县人力资源和社会保障局",
    "县农业农村局",
    "县生态环境局",
    "县教育局",
    "县卫生健康委员会",
    "县退役军人事务局",
    "县公安局",
    "县司法局",
    "县国有资产服务中心",
    "县市场监督管理局",
    "县民政局",
    "县水利局",
    "县交通运输局",
    "县城市管理局",
    "县财政局",
    "县信访局",
    "城关镇人民政府",
    "塘边镇人民政府",
    "河口镇人民政府",
    "柳林镇人民政府",
    "东关街道办事处",
    "西城街道办事处",
    "县人民法院",
    "县人民检察院",
];
const LEAD_TITLES: &[&str] = &["", "", "", "副县长", "县委常委", "局长", "镇长", "书记", "主任"];
const COUNTY_REFS: &[&str] =
    &["皖信联办", "国信转", "省信联办", "市信联办", "县信联办", "皖国土资函", "市访交"];

const PROJECTS: &[&str] = &[
    "工业园区",
    "高速公路连接线",
    "城南新区",
    "棚户区改造",
    "水库移民安置",
    "高铁站前广场",
    "省道改扩建",
    "物流园",
    "农贸市场",
    "污水处理厂",
    "安置小区",
    "滨河公园",
    "开发区三期",
    "旧城改造",
];
const FIRMS: &[&str] = &[
    "县第二纺织厂",
    "县农机修造厂",
    "县食品公司",
    "县供销合作社",
    "县酒厂",
    "县建筑工程公司",
    "县化肥厂",
    "县运输公司",
    "县水泥厂",
    "县百货公司",
    "某置业有限公司",
    "某房地产开发公司",
    "县粮油公司",
];

/// Sentences per category; `{}` holes are filled by `fill`.
fn category_sentences(category: Category) -> &'static [&'static str] {
    use Category::*;
    match category {
        LandRequisition => &[
            "{Y}年{M}月，因{P}项目建设，{T}{V}村{G}组{N}亩集体土地被征收，信访人家中承包地{n}亩在征收范围内。",
            "信访人认为征地补偿标准过低，每亩{K}元的补偿款不足以维持生活，且青苗补偿和地上附着物补偿未足额发放。",
            "信访人反映村组干部在分配征地补偿款时未经村民代表大会讨论，{K}元补偿款去向不明，要求公开账目。",
            "信访人要求按照新的区片综合地价标准重新核算补偿，并解决失地农民养老保险问题。",
            "征地后信访人一家{n}口人无地可种，多次找到{U}要求调剂耕地或安排就业，未得到满意答复。",
        ],
        Demolition => &[
            "{Y}年{M}月，{P}项目启动房屋征收，信访人位于{T}{V}村的{n}间砖混结构房屋被列入征收范围。",
            "信访人对房屋评估结果有异议，认为评估单价每平方米{K}元明显低于同地段市场价格，拒绝签订补偿协议。",
            "信访人反映其房屋在未签订协议、未作出补偿决定的情况下被强行拆除，屋内物品损失约{K}元，要求赔偿。",
            "信访人要求按照实际居住人口安置，增加安置房面积{n}0平方米，并支付过渡期临时安置费。",
            "安置房交付逾期{n}年，信访人一家长期租房居住，要求开发单位支付逾期交房违约金。",
        ],
        EnterpriseRestructuring => &[
            "{F}于{Y}年改制，信访人作为原职工被买断工龄，当时每年工龄补偿{K}元。",
            "信访人认为改制过程中身份置换补偿标准偏低，且改制方案未经职工代表大会通过，要求重新补偿。",
            "信访人反映改制后企业拖欠其{n}年的养老保险费未缴，导致到龄无法办理退休手续。",
            "信访人等{n}名原职工要求解决改制遗留的医疗保险接续和住房集资款退还问题。",
        ],
        LawAndLitigation => &[
            "信访人与{T}{V}村村民因宅基地边界发生纠纷，{Y}年经{U}判决后，信访人认为判决不公。",
            "信访人反映生效判决确定的{K}元赔偿款至今未执行到位，要求法院加大执行力度。",
            "信访人对公安机关作出的不予立案决定不服，认为其被殴打致伤一事应追究对方刑事责任。",
            "信访人已走完申诉程序，仍坚持要求撤销原判决并赔偿经济损失{K}元。",
        ],
        LabourSecurity => &[
            "信访人等{n}名农民工在{P}项目务工，被拖欠工资共计{K}元，包工头去向不明。",
            "信访人反映其在{F}工作期间因工受伤，单位未为其缴纳工伤保险，要求认定工伤并支付待遇。",
            "信访人要求补缴{Y}年至今的养老保险，认为其工龄认定有误，少算了{n}年。",
            "信访人反映劳动仲裁裁决生效后，用人单位仍拒不支付经济补偿金{K}元。",
        ],
        Environment => &[
            "信访人反映{T}附近的{F}长期夜间排放废气，异味严重，影响周边{n}0余户居民生活。",
            "信访人称{V}村养殖场粪污直排河道，导致其承包鱼塘鱼苗大面积死亡，损失约{K}元。",
            "信访人反映{P}项目施工噪声扰民，夜间持续施工至凌晨，多次投诉未果。",
            "信访人要求对其承包地受污染情况进行检测，并由责任企业赔偿{n}年的作物损失。",
        ],
        EducationHealth => &[
            "信访人系原{T}民办代课教师，{Y}年被清退，要求落实民办代课教师生活补助待遇。",
            "信访人反映其亲属在县医院手术后死亡，认为医院存在医疗过错，要求赔偿{K}元。",
            "信访人要求解决其子女在{T}就近入学问题，认为学区划分不合理。",
            "信访人反映乡村医生养老补助未按政策发放，涉及本乡{n}名乡村医生。",
        ],
        Military => &[
            "信访人系{Y}年入伍的退役士兵，要求落实安置待遇，认为当年未按规定安排工作。",
            "信访人为参战退役人员，反映其每月{K}元的生活补助标准偏低，要求提高待遇。",
            "信访人要求认定其在部队期间所患疾病为因公致病，并评定残疾等级。",
        ],
        PropertyManagement => &[
            "信访人所在{P}安置小区物业服务不到位，电梯长期停运，{n}栋楼住户出行困难。",
            "信访人反映物业公司擅自提高物业费至每平方米{K}元，且公共收益未向业主公开。",
            "信访人要求更换物业公司，认为业主大会选举程序受到开发商干预。",
        ],
        Rural => &[
            "信访人反映{T}{V}村土地确权时，其家{n}亩承包地被错登在他人名下。",
            "信访人反映村委会违规发包集体林地{n}0亩，承包费{K}元未入村集体账。",
            "信访人要求落实扶贫项目资金{K}元的使用情况，认为村干部优亲厚友。",
            "信访人反映村组道路硬化工程质量差，通车{n}个月即出现大面积破损。",
        ],
        UnfinishedHousing => &[
            "信访人于{Y}年购买{F}开发的商品房，已付清房款{K}元，至今未交房。",
            "信访人等{n}0余户购房户反映入住多年仍办不下不动产权证，要求尽快办证。",
            "开发商资金链断裂，项目停工{n}年，信访人要求政府协调复工交房。",
        ],
        Fundraising => &[
            "信访人于{Y}年向{F}出借资金{K}元，约定月息{n}分，企业负责人失联后本息无法收回。",
            "信访人反映其参与的农民专业合作社非法吸收存款，涉及本村{n}0余户，要求追缴退赔。",
            "信访人要求公安机关加快侦办进度，尽快追赃挽损。",
        ],
        Other => &[
            "信访人反映{Y}年被错误处理的问题，要求恢复名誉并补发工资{K}元。",
            "信访人反映其户籍登记信息错误，影响办理低保和医保，多次往返{U}未果。",
            "信访人要求解决其家庭生活困难，申请纳入低保并给予临时救助{K}元。",
        ],
    }
}

const HISTORY: &[&str] = &[
    "信访人自{Y}年起先后{n}次到县、市上访，{m}次赴省上访，情绪激动。",
    "该问题经{U}多次答复，信访人不服，又申请了复查，复查维持原处理意见后仍坚持上访。",
    "信访人曾于{Y}年{M}月进京上访，被列为重点稳控对象。",
    "信访人多次拨打12345热线反映此事，并在网上发帖，引起一定关注。",
    "该案属于“三跨三分离”情形，涉及{U}等多个部门，长期久拖不决。",
    "信访人年事已高，身患慢性病，家庭生活较为困难。",
    "信访人表示，如问题得不到解决，将继续到省、进京上访。",
    "{Y}年{M}月，{U}曾作出书面处理意见，信访人不服，认为处理依据不足、程序违法。",
    "县联席办于{Y}年将该案列为重点积案，实行县级领导包案，但因历史遗留原因一直未能化解。",
    "信访人所在村组干部表示，当年的会议记录和分配名单已无法查找，给核实工作带来困难。",
    "信访人的诉求中，部分属于政策范围内的合理诉求，部分明显超出政策规定。",
    "信访人曾于{Y}年在{T}政府门口聚集，经工作人员劝返。",
    "信访人子女在外务工，家中仅有老人，平时由村干部帮助照看。",
    "同村另有{n}户村民反映类似问题，存在相互攀比、联名上访的苗头。",
    "信访人提供了{Y}年的收款收据和协议复印件，但协议原件下落不明。",
];

const PROGRESS: &[&str] = &[
    "包案领导{L}带领{U}相关人员到{T}{V}村实地走访，与信访人面对面座谈，听取诉求，初步梳理了问题症结。",
    "召开化解协调会，{U}、{T}及相关部门参加，会议明确由{U}牵头核查补偿款发放情况，限{n}日内形成书面意见。",
    "承办人{H}调取{Y}年以来的原始档案{n}卷，核实信访人反映的情况基本属实，部分诉求于法有据。",
    "组织律师、人大代表和群众代表召开公开听证会，对处理意见进行评议，{n}名听证员一致认为处理意见合法合理。",
    "向信访人送达书面答复意见书，信访人表示需要考虑，暂未签字。",
    "协调落实困难救助资金{K}元，已发放到信访人账户，信访人表示感谢。",
    "稳控责任人{S}每周上门走访一次，信访人情绪基本稳定，近期无异常动向。",
    "上级交办督办，要求加快化解进度，{U}主要负责人再次召开专题会议研究。",
    "对信访人反映的补偿差额问题进行了重新测算，差额{K}元已报请县政府审批。",
    "信访人再次到市信访局反映，县信访局派员接回，并做好思想疏导工作。",
    "回访信访人，信访人对处理结果表示基本满意，承诺息诉罢访。",
    "经多轮沟通，信访人与{U}达成和解协议，约定分{n}期支付。",
];

const PLANS: &[&str] = &[
    "由包案领导牵头，{U}具体负责，逐项核实信访人诉求，诉求合理的依法依规解决到位；",
    "诉求无理的做好政策解释和思想教育，必要时组织公开听证；",
    "生活困难的落实帮扶救助，协调纳入低保或给予临时救助；",
    "落实{S}为稳控责任人，实行一日一见面、一周一报告；",
    "力争在{n}0日内化解到位，确保信访人息诉罢访。",
];

pub struct Options {
    pub cases: usize,
    pub seed: u64,
    /// Brief cases (short summary, plan and 办理情况, at most two entries): about a quarter of the
    /// text, so that 20,000 cases (the import limit) still fit the file limit and the quota.
    pub brief: bool,
}

/// The ledger, serialised exactly as the app exports it (pretty JSON with `exported_at`).
pub fn ledger_json(ledger: &Ledger) -> String {
    let exported_at: NaiveDateTime = "2026-11-20T17:30:00".parse().expect("fixed timestamp");
    write_ledger(ledger, Some(exported_at), true)
}

pub fn ledger(options: &Options) -> Ledger {
    let mut rng = Rng::new(options.seed);
    // A city's or a campaign's leaders: one leader holds many cases (about 25 each).
    let leads: Vec<String> = (0..(options.cases / 25).max(8))
        .map(|_| format!("{}{}", name(&mut rng), rng.pick(LEAD_TITLES)))
        .collect();
    let cases = (0..options.cases).map(|i| case(&mut rng, i, &leads, options.brief)).collect();
    Ledger { cases, standard: StandardId::default(), ..Ledger::default() }
}

fn name(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN))
}

fn day(rng: &mut Rng, from: NaiveDate, max_days: u64) -> NaiveDate {
    from + Duration::days(rng.range(0, max_days) as i64)
}

/// What fills the holes of the phrase banks, fixed per case so that a case's texts agree.
struct Holes {
    town: &'static str,
    village: &'static str,
    unit: String,
    lead: String,
    handler: String,
    owner: String,
    project: &'static str,
    firm: &'static str,
    year: i32,
}

fn fill(rng: &mut Rng, template: &str, h: &Holes) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('}').map(|e| start + e).expect("closed hole");
        match &rest[start + 1..end] {
            "Y" => out.push_str(&(h.year - rng.range(0, 12) as i32).to_string()),
            "M" => out.push_str(&rng.range(1, 12).to_string()),
            "N" => out.push_str(&rng.range(20, 900).to_string()),
            "n" => out.push_str(&rng.range(2, 9).to_string()),
            "m" => out.push_str(&rng.range(1, 4).to_string()),
            "K" => out.push_str(&(rng.range(8, 2000) * 100).to_string()),
            "T" => out.push_str(h.town),
            "V" => out.push_str(h.village),
            "G" => {
                out.push_str(["一", "二", "三", "四", "五", "六", "七"][rng.range(0, 6) as usize])
            }
            "U" => out.push_str(&h.unit),
            "L" => out.push_str(&h.lead),
            "H" => out.push_str(&h.handler),
            "S" => out.push_str(&h.owner),
            "P" => out.push_str(h.project),
            "F" => out.push_str(h.firm),
            other => panic!("unknown hole {other}"),
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Sentences from `first` and then `more` until the text is at least `min_chars` long, each
/// template used at most once (a clerk does not write the same sentence twice).
fn text_of(rng: &mut Rng, h: &Holes, first: &[&str], more: &[&str], min_chars: usize) -> String {
    let mut distinct: Vec<&str> = first.iter().chain(more).copied().collect();
    distinct.sort_unstable();
    distinct.dedup();
    let mut used: Vec<&str> = Vec::new();
    let opening = rng_pick_str(rng, first);
    used.push(opening);
    let mut text = fill(rng, opening, h);
    while text.chars().count() < min_chars && used.len() < distinct.len() {
        let bank = if rng.chance(60) { first } else { more };
        let template = rng_pick_str(rng, bank);
        if used.contains(&template) {
            continue;
        }
        used.push(template);
        text.push_str(&fill(rng, template, h));
    }
    text
}

fn rng_pick_str<'a>(rng: &mut Rng, items: &[&'a str]) -> &'a str {
    items[(rng.next_u64() % items.len() as u64) as usize]
}

fn case(rng: &mut Rng, index: usize, leads: &[String], brief: bool) -> Case {
    // Text lengths (characters) and 办理情况 entries: (summary, entries, entry, plan).
    let (summary_chars, entries, entry_chars, plan_chars) = if brief {
        ((40, 100), (1, 2), (20, 60), (20, 50))
    } else {
        ((200, 400), (3, 8), (40, 140), (60, 150))
    };
    let year = 2023 + rng.range(0, 2) as i32;
    let category = *rng.pick(Category::ALL);
    let status = match rng.range(0, 99) {
        0..=9 => Status::Registered,
        10..=24 => Status::Assigned,
        25..=59 => Status::InProgress,
        60..=74 => Status::AwaitingReview,
        _ => Status::Closed,
    };
    let lead = rng.pick(leads).clone();
    let unit = rng.pick(UNITS).to_string();
    let h = Holes {
        town: rng_pick_str(rng, TOWNS),
        village: rng_pick_str(rng, VILLAGES),
        unit: unit.clone(),
        lead: lead.clone(),
        handler: name(rng),
        owner: name(rng),
        project: rng_pick_str(rng, PROJECTS),
        firm: rng_pick_str(rng, FIRMS),
        year,
    };

    let assigned_on = day(rng, NaiveDate::from_ymd_opt(year, 1, 1).expect("date"), 330);
    let registered_on = assigned_on + Duration::days(rng.range(0, 5) as i64);
    let deadline = assigned_on + Duration::days(if rng.chance(50) { 60 } else { 90 });
    let ref_no = format!("{}〔{year}〕{}号", rng.pick(COUNTY_REFS), rng.range(1, 480));

    let summary_target = rng.range(summary_chars.0, summary_chars.1) as usize;
    let mut summary = text_of(rng, &h, category_sentences(category), HISTORY, summary_target);
    if summary.chars().count() > 400 {
        summary = summary.chars().take(399).collect::<String>() + "。";
    }

    let mut flags: Vec<Flag> = Flag::ALL.iter().copied().filter(|_| rng.chance(18)).collect();
    flags.sort();
    let people_count =
        if flags.contains(&Flag::Collective) { rng.range(5, 80) } else { rng.range(1, 3) } as u32;
    let assisting_units =
        (0..rng.range(0, 2)).map(|_| rng.pick(UNITS).to_string()).filter(|u| *u != unit).collect();

    let mut progress = Vec::new();
    let entries = rng.range(entries.0, entries.1);
    let mut date = assigned_on;
    for _ in 0..entries {
        date += Duration::days(rng.range(3, 25) as i64);
        let length = rng.range(entry_chars.0, entry_chars.1) as usize;
        let text = text_of(rng, &h, PROGRESS, PROGRESS, length);
        progress.push(ProgressEntry { date, text });
    }
    progress.reverse(); // newest first, as the app keeps it

    let plan_length = rng.range(plan_chars.0, plan_chars.1) as usize;
    let plan = text_of(rng, &h, PLANS, PLANS, plan_length);
    let mut packet = packet(rng, &h, status, &ref_no, assigned_on, deadline, date);
    if brief {
        // Documents take most of a case's text: a brief case keeps the first two.
        packet.documents.truncate(2);
    }

    Case {
        id: format!("{:016x}{:016x}", rng.next_u64(), rng.next_u64()),
        updated_at: Some(
            date.and_hms_opt(rng.range(8, 17) as u32, rng.range(0, 59) as u32, 0).expect("time"),
        ),
        number: format!("JA-{year}-{:05}", index + 1),
        source: Some(*rng.pick(Source::ALL)),
        assignment_ref: ref_no,
        assigned_on: Some(assigned_on),
        registered_on: Some(registered_on),
        petitioner: Petitioner {
            name: name(rng),
            contact: format!(
                "1{}{:09}",
                rng.pick(&["35", "39", "58", "87", "38"]),
                rng.range(0, 999_999_999)
            ),
            residence: format!("{}{}村{}组", h.town, h.village, rng.range(1, 9)),
            ..Petitioner::default()
        },
        people_count: Some(people_count),
        summary,
        category: Some(category),
        flags,
        lead,
        responsible_unit: unit,
        assisting_units,
        handler: h.handler.clone(),
        stability_owner: h.owner.clone(),
        plan,
        deadline: Some(deadline),
        status,
        progress,
        packet,
        ..Case::default()
    }
}

/// A packet as far along as the case: complete (sometimes with a slip a reviewer would catch)
/// for closed cases, partial while the case is in hand, nearly empty when just registered.
fn packet(
    rng: &mut Rng,
    h: &Holes,
    status: Status,
    ref_no: &str,
    assigned_on: NaiveDate,
    deadline: NaiveDate,
    last_progress: NaiveDate,
) -> Packet {
    let items_done = match status {
        Status::Registered => rng.range(0, 1),
        Status::Assigned => rng.range(1, 3),
        Status::InProgress => rng.range(2, 5),
        Status::AwaitingReview | Status::Closed => 6,
    } as u8;
    let sloppy = rng.chance(25);
    let mut docs = Vec::new();
    let doc = |rng: &mut Rng, item: Item, kind: DocKind, title: String| {
        let mut d = Document::new(item, kind);
        d.id = format!("{:016x}", rng.next_u64());
        d.title = title;
        d.date = Some(day(rng, assigned_on, 40));
        d.pages = Some(rng.range(1, 12) as u32);
        if rng.chance(30) {
            d.note = format!("原件存{}档案室，复印件{}份。", h.unit, rng.range(1, 3));
        }
        d
    };
    for item in Item::ALL.into_iter().take(items_done as usize) {
        match item {
            Item::BasicFacts => {
                docs.push(doc(rng, item, DocKind::CaseFacts, "信访事项基本情况".into()));
                if rng.chance(70) {
                    let mut d = doc(
                        rng,
                        item,
                        DocKind::InterviewRecord,
                        format!("与信访人谈话笔录（{}）", h.handler),
                    );
                    d.signed_by = format!("{}、{}", h.handler, name(rng));
                    docs.push(d);
                }
                if rng.chance(50) {
                    docs.push(doc(rng, item, DocKind::InvestigationRecord, "调查核实材料".into()));
                }
            }
            Item::Assignment => {
                let mut d = doc(rng, item, DocKind::AssignmentLetter, "信访积案交办函".into());
                d.doc_ref = if sloppy && rng.chance(30) {
                    format!("{ref_no}附件")
                } else {
                    ref_no.replace('〔', "[").replace('〕', "]")
                };
                d.date = Some(assigned_on);
                docs.push(d);
                docs.push(doc(rng, item, DocKind::LedgerEntry, "交办案件台帐（摘录）".into()));
            }
            Item::Designation => {
                let mut d = doc(rng, item, DocKind::Minutes, "积案化解工作协调会会议纪要".into());
                d.names_lead = h.lead.clone();
                d.names_unit = h.unit.clone();
                d.doc_ref = format!("纪要〔{}〕{}号", assigned_on.format("%Y"), rng.range(1, 60));
                docs.push(d);
                if rng.chance(40) {
                    let mut d = doc(
                        rng,
                        item,
                        DocKind::DesignationDocument,
                        "关于落实信访积案包案责任的通知".into(),
                    );
                    d.names_lead = h.lead.clone();
                    d.names_unit = h.unit.clone();
                    docs.push(d);
                }
            }
            Item::Report => {
                let mut d =
                    doc(rng, item, DocKind::InvestigationReport, "关于信访事项的查办报告".into());
                d.signed_by = if sloppy && rng.chance(40) {
                    name(rng)
                } else {
                    format!("{}、{}", h.lead, h.handler)
                };
                d.date = Some(last_progress.min(deadline));
                docs.push(d);
                for _ in 0..rng.range(0, 2) {
                    docs.push(doc(rng, item, DocKind::Supporting, "相关证明材料".into()));
                }
            }
            Item::ReplyAndVisit => {
                let mut reply = doc(rng, item, DocKind::WrittenReply, "信访事项答复意见书".into());
                let replied = day(rng, assigned_on + Duration::days(20), 30);
                reply.date = Some(replied);
                docs.push(reply);
                if !(sloppy && rng.chance(30)) {
                    let mut visit = doc(rng, item, DocKind::FollowUpVisit, "回访记录".into());
                    visit.date = Some(replied + Duration::days(rng.range(3, 15) as i64));
                    visit.visit_response = Some(*rng.pick(&VisitResponse::ALL));
                    if visit.visit_response != Some(VisitResponse::Signed) && rng.chance(80) {
                        visit.visit_reason =
                            "信访人对补偿数额仍有异议，回访人已做解释工作。".into();
                    }
                    docs.push(visit);
                }
            }
            Item::Stability => {
                let mut d = doc(rng, item, DocKind::StabilityPlan, "稳控工作方案".into());
                d.names_owner = h.owner.clone();
                docs.push(d);
            }
        }
    }
    let closed = matches!(status, Status::AwaitingReview | Status::Closed);
    let closed_on =
        closed.then(|| last_progress.min(NaiveDate::from_ymd_opt(2026, 10, 31).expect("date")));
    let extension = (closed && closed_on > Some(deadline) && rng.chance(60)).then(|| Extension {
        days: 30,
        approver: name(rng),
        approved_on: Some(deadline - Duration::days(3)),
    });
    Packet { documents: docs, closed_on, extension, ..Packet::default() }
}

/// The floor for "open and see the ledger": a static page, no script, showing the same rows as
/// the app's ledger table with the same markup and the app's own CSS (closure verdicts computed
/// here by the core, as the app computes them).
pub fn baseline_html(ledger: &Ledger, css: &str, today: NaiveDate) -> String {
    use jiean::core::ledger::text::date_text;
    use jiean::core::reports::query::Column;
    use jiean::core::rules::closure::{check, summary_text};
    use jiean::core::rules::deadline::Urgency;

    fn esc(text: &str) -> String {
        text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
    }
    let (standard, campaign) = (ledger.standard.standard(), &ledger.campaign);
    let mut html = String::with_capacity(ledger.cases.len() * 1200);
    html += "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">";
    html += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">";
    html += "<title>信访积案台账（静态基线）</title><style>";
    html += css;
    html += "</style></head><body><div id=\"app\"><main><section class=\"ledger\">";
    html += &format!(
        "<div class=\"toolbar\"><span class=\"count\" id=\"row-count\">共 {} 件</span></div>",
        ledger.cases.len()
    );
    html += "<table class=\"cases\"><thead><tr>";
    for column in Column::ALL {
        html += &format!(
            "<th aria-sort=\"none\"><button class=\"sort\">{}</button></th>",
            column.label()
        );
    }
    html += "</tr></thead><tbody>\n";
    for case in &ledger.cases {
        let verdict = check(case, standard, campaign, today);
        let (class, mark) =
            if verdict.ready() { ("badge ok", "✓ ") } else { ("badge missing", "✗ ") };
        let urgency = campaign.urgency(case, today);
        let urgency_class = match urgency {
            Urgency::Overdue(_) => "overdue",
            Urgency::DueSoon(_) => "due-soon",
            _ => "",
        };
        let badge = if urgency_class.is_empty() {
            String::new()
        } else {
            format!("<span class=\"due-badge {urgency_class}\">{}</span>", urgency.label())
        };
        let summary = esc(&case.summary);
        html += &format!(
            "<tr class=\"{urgency_class}\"><td class=\"number\"><a href=\"#\">{}</a></td><td>{}</td><td class=\"summary\" title=\"{summary}\"><div class=\"clamp\">{summary}</div></td><td>{}</td><td>{}</td><td class=\"date\">{}{badge}</td><td><span class=\"status\">{}</span></td><td class=\"packet-col\"><span class=\"{class}\">{mark}{}</span></td></tr>\n",
            esc(&case.number),
            esc(&case.petitioner.name),
            esc(&case.lead),
            esc(&case.responsible_unit),
            date_text(campaign.due(case)),
            case.status.label(),
            summary_text(verdict.ready(), verdict.complete_items(), verdict.total_items()),
        );
    }
    html += "</tbody></table></section></main></div></body></html>\n";
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiean::core::exchange::json::read_ledger;

    #[test]
    fn same_seed_same_ledger_and_the_app_reads_it() {
        let json = |seed| ledger_json(&ledger(&Options { cases: 30, seed, brief: false }));
        let a = json(7);
        assert_eq!(a, json(7));
        assert_ne!(a, json(8));
        let ledger = read_ledger(&a).unwrap();
        assert_eq!(ledger.cases.len(), 30);
        for case in &ledger.cases {
            let n = case.summary.chars().count();
            assert!((200..=400).contains(&n), "summary of {n} chars: {}", case.summary);
            assert!((3..=8).contains(&case.progress.len()));
        }
    }
}
