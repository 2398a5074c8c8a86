"""Illustrative plan content for the sample PDFs: written for this project, not taken from any
real plan, in the vocabulary real National Action Plans use.

The plans describe fictional countries with ISO 3166-1 user-assigned codes (:data:`SAMPLE_COUNTRIES`;
an invented plan under a real country's name could end up in research data as if it were that
country's policy). Their text names no country; each sample PDF comes with a profile
(``<name>.profile.yaml``) that states the country and points to the fictional countries'
ministries and agencies (:data:`SAMPLE_GAZETTEER`, written to ``sample-actors.csv``), kept out of
the real gazetteer under ``normalizers/reference/``. Every title says the document is an
illustrative sample.
"""

from __future__ import annotations

from samples.model import ActionSpec, ObjectiveSpec, PillarSpec, PlanSpec

#: The fictional countries of the sample plans (ISO 3166-1 alpha-3 user-assigned codes).
SAMPLE_COUNTRIES: dict[str, str] = {
    "XSA": "Sample country A (fictional; English-language sample plans)",
    "XSB": "Sample country B (fictional; Spanish-language sample plans)",
    "XSC": "Sample country C (fictional; French-language sample plans)",
}


def _entry(code: str, name: str, actor_type: str, sector: str, *aliases: str, other_sectors: str = "") -> dict[str, str]:
    return {"code": code, "name": name, "country": code.split(":")[0], "actor_type": actor_type, "sector": sector,
            "aliases": "|".join(aliases), "other_sectors": other_sectors}


#: Ministries and agencies of the fictional sample countries, in the gazetteer's CSV columns
#: (``normalizers/reference/ACTORS.md``).
SAMPLE_GAZETTEER: tuple[dict[str, str], ...] = (
    _entry("XSA:MWFA", "Ministry of Women and Family Affairs", "ministry", "gender_equality", "MWFA",
           other_sectors="social_affairs"),
    _entry("XSA:MOD", "Ministry of Defence", "ministry", "defence", "MOD"),
    _entry("XSA:MFA", "Ministry of Foreign Affairs", "ministry", "foreign_affairs", "MFA"),
    _entry("XSA:MOI", "Ministry of Interior", "ministry", "interior", "MOI", "Ministry of the Interior"),
    _entry("XSA:MOJ", "Ministry of Justice", "ministry", "justice", "MOJ"),
    _entry("XSA:MOE", "Ministry of Education", "ministry", "education", "MOE"),
    _entry("XSA:MOH", "Ministry of Health", "ministry", "health", "MOH"),
    _entry("XSA:MOF", "Ministry of Finance", "ministry", "finance", "MOF"),
    _entry("XSA:NPS", "National Police Service", "agency", "police", "NPS"),
    _entry("XSA:NDMA", "National Disaster Management Agency", "agency", "other", "NDMA"),
    _entry("XSA:NSO", "National Statistics Office", "agency", "other", "NSO"),
    _entry("XSA:DCA", "Development Cooperation Agency", "agency", "development", "DCA"),
    _entry("XSA:NHRC", "National Human Rights Commission", "agency", "other", "NHRC"),
    _entry("XSB:MINMUJER", "Ministerio de la Mujer", "ministry", "gender_equality", "MINMUJER", "Ministry of Women"),
    _entry("XSB:MINDEF", "Ministerio de Defensa", "ministry", "defence", "MINDEF", "Ministry of Defence"),
    _entry("XSB:MRE", "Ministerio de Relaciones Exteriores", "ministry", "foreign_affairs", "MRE",
           "Ministry of Foreign Affairs"),
    _entry("XSB:MININT", "Ministerio del Interior", "ministry", "interior", "MININT", "Ministry of the Interior"),
    _entry("XSB:MINEDU", "Ministerio de Educación", "ministry", "education", "MINEDU", "Ministry of Education"),
    _entry("XSB:MINSA", "Ministerio de Salud", "ministry", "health", "MINSA", "Ministry of Health"),
    _entry("XSB:PN", "Policía Nacional", "agency", "police", "PN", "National Police"),
    _entry("XSB:MP", "Ministerio Público", "agency", "justice", "MP", "Fiscalía General", "Public Prosecutor's Office"),
    _entry("XSB:INE", "Instituto Nacional de Estadística", "agency", "other", "INE", "National Statistics Institute"),
    _entry("XSB:DP", "Defensoría del Pueblo", "agency", "other", "Ombudsman's Office"),
    _entry("XSC:MFFE", "Ministère de la Femme, de la Famille et de l'Enfant", "ministry", "gender_equality", "MFFE",
           "Ministry of Women, Family and Children", other_sectors="social_affairs"),
    _entry("XSC:MD", "Ministère de la Défense", "ministry", "defence", "MD", "Ministry of Defence"),
    _entry("XSC:MS", "Ministère de la Sécurité", "ministry", "interior", "MS", "Ministry of Security",
           other_sectors="police"),
    _entry("XSC:MJ", "Ministère de la Justice", "ministry", "justice", "MJ", "Ministry of Justice"),
    _entry("XSC:MSP", "Ministère de la Santé publique", "ministry", "health", "MSP", "Ministry of Public Health"),
    _entry("XSC:MATD", "Ministère de l'Administration territoriale et de la Décentralisation", "ministry", "interior",
           "MATD", "Ministry of Territorial Administration and Decentralisation"),
)

# ---- the English narrow-matrix plan ---------------------------------------------------------

def _act(number: str | None, text: str, *lead: str) -> ActionSpec:
    return ActionSpec(number=number, text=text, lead=tuple(lead))


def _strategy(number: str, text: str, *actions: ActionSpec) -> ObjectiveSpec:
    return ObjectiveSpec(number=number, text=text, kind="strategy", actions=actions)


def _objective(number: str, text: str, *strategies: ObjectiveSpec) -> ObjectiveSpec:
    return ObjectiveSpec(number=number, text=text, kind="objective", children=strategies)


_MATRIX_INTRO = (
    "I. Introduction",
    "This document is an illustrative sample. It was written to exercise tools that read "
    "National Action Plans on Women, Peace and Security; it describes no real government and "
    "commits no one to anything. Its structure and vocabulary follow the plans that many "
    "governments have adopted since the Security Council adopted resolution 1325 (2000).",
    "Resolution 1325 (2000) and the resolutions that followed it call on Member States to "
    "prevent conflict and violence against women, to ensure the full, equal and meaningful "
    "participation of women in peace and security decision-making, to protect women and girls "
    "in conflict and crisis, and to integrate a gender perspective into relief and recovery.",
    "II. Structure of the Plan",
    "This third National Action Plan covers the period 2025–2029. It is organised in five "
    "pillars: Prevention; Participation; Protection; Relief and Recovery; and Coordination and "
    "Monitoring. Each pillar sets out objectives, each objective is pursued through strategies, "
    "and each strategy lists the actions to be taken and the ministries and agencies "
    "responsible for them.",
    "The Ministry of Women and Family Affairs (MWFA) coordinates the Plan together with the "
    "Ministry of Defence (MOD), the Ministry of Foreign Affairs (MFA), the Ministry of Interior "
    "(MOI), the Ministry of Justice (MOJ), the Ministry of Education (MOE), the Ministry of "
    "Health (MOH), the Ministry of Finance (MOF), the National Police Service (NPS), the "
    "National Disaster Management Agency (NDMA), the National Statistics Office (NSO), the "
    "Development Cooperation Agency (DCA) and the National Human Rights Commission (NHRC).",
    "III. Implementation and Monitoring",
    "An inter-ministerial steering committee meets twice a year with civil society "
    "organisations to review progress. A mid-term review will be carried out in 2027 and a "
    "final evaluation in 2029; their findings will be made public.",
)


def _prevention() -> PillarSpec:
    return PillarSpec(
        name="Prevention",
        objectives=(
            _objective(
                "1.",
                "Strengthen gender-responsive conflict prevention and early warning",
                _strategy(
                    "1.1.",
                    "Integrate gender analysis into the national early warning and conflict prevention system",
                    _act("1)", "Develop gender-sensitive early warning indicators, including indicators on threats and attacks against women human rights defenders and women peacebuilders", "NDMA", "MOI"),
                    _act("2)", "Train early warning focal points in every province to collect and analyse data disaggregated by sex, age and disability", "NDMA", "MOI"),
                    _act("3)", "Consult women's organisations in border and conflict-affected districts when assessing conflict risks", "NDMA", "MOI"),
                    _act("4)", "Publish an annual gender analysis of conflict and disaster risks and present it to the National Security Council", "NSO"),
                ),
                _strategy(
                    "1.2.",
                    "Build the capacity of security sector personnel on women, peace and security",
                    _act(None, "Include a compulsory module on women, peace and security and on the prevention of sexual and gender-based violence in the basic training of the armed forces, the police and the border service", "MOD", "NPS"),
                    _act("2)", "Deliver refresher training on resolution 1325 and its subsequent resolutions to commanding officers before every rotation", "MOD", "NPS"),
                    _act("3)", "Appoint and train a gender adviser in each command and a gender focal point in each police district", "MOD", "NPS"),
                    _act("4)", "Evaluate the training every two years with the participation of independent experts and civil society", "MWFA"),
                ),
            ),
            _objective(
                "2.",
                "Address the root causes of violence against women and girls through education and awareness",
                _strategy(
                    "2.1.",
                    "Promote a culture of peace, non-violence and gender equality in education",
                    _act("1)", "Review primary and secondary school curricula and textbooks to remove gender stereotypes and to include peace education", "MOE"),
                    _act("2)", "Train teachers and school counsellors on gender equality, non-violent conflict resolution and the prevention of bullying and harassment", "MOE"),
                    _act("3)", "Support university research and teaching on women, peace and security", "MOE", "MWFA"),
                ),
                _strategy(
                    "2.2.",
                    "Raise public awareness of women, peace and security",
                    _act("1)", "Conduct a national awareness campaign on the Plan every year during the sixteen days of activism against gender-based violence", "MWFA"),
                    _act("2)", "Produce radio and social media programmes in national and local languages with community and faith leaders", "MWFA"),
                    _act("3)", "Translate the Plan into the national languages and publish an accessible summary, including in easy-to-read format and braille", "MWFA"),
                ),
            ),
        ),
    )


def _participation() -> PillarSpec:
    return PillarSpec(
        name="Participation",
        objectives=(
            _objective(
                "3.",
                "Increase the meaningful participation of women in peace processes and decision-making",
                _strategy(
                    "3.1.",
                    "Increase the representation of women in delegations, negotiations and mediation",
                    _act("1)", "Set a target of at least 40 per cent women in every official delegation to peace negotiations, ceasefire talks and regional security dialogues, and report on it to Parliament every year", "MFA"),
                    _act("2)", "Establish a roster of women mediators and negotiators and draw on it for national and international mediation efforts", "MFA"),
                    _act(None, "Ensure that peace agreements and ceasefire arrangements supported by the Government contain provisions on the rights and participation of women", "MFA"),
                    _act("4)", "Support the participation of women's civil society organisations in regional and international peace and security meetings", "MFA", "MWFA"),
                ),
                _strategy(
                    "3.2.",
                    "Support women mediators and peacebuilders at local level",
                    _act("1)", "Fund local peace committees in conflict-affected districts on condition that at least half of their members are women", "MOI"),
                    _act("2)", "Provide training in mediation, dialogue facilitation and leadership to women community leaders, including young women and women with disabilities", "MOI", "MWFA"),
                    _act("3)", "Document and disseminate good practices of women-led local peacebuilding initiatives", "MWFA"),
                ),
            ),
            _objective(
                "4.",
                "Increase the share of women in the security sector and in peace operations",
                _strategy(
                    "4.1.",
                    "Increase the recruitment, retention and promotion of women in the armed forces and the police",
                    _act("1)", "Review recruitment criteria, physical tests and career paths to remove barriers that keep women out of the armed forces and the police", "MOD", "NPS"),
                    _act("2)", "Provide adequate separate accommodation, sanitary facilities and equipment designed for women in all barracks and police stations", "MOD", "NPS"),
                    _act("3)", "Establish mentoring programmes and networks for women officers", "MOD", "NPS"),
                    _act("4)", "Adopt and apply a zero-tolerance policy on sexual harassment and abuse within the security sector, with confidential complaint channels", "MOD", "NPS", "MOJ"),
                ),
                _strategy(
                    "4.2.",
                    "Increase the deployment of women to United Nations peace operations",
                    _act("1)", "Reach the targets set by the United Nations for the share of women among military observers, staff officers and formed police units deployed by the country", "MOD", "NPS"),
                    _act("2)", "Offer pre-deployment training to women candidates and to their families, including childcare support during deployment", "MOD", "NPS"),
                    _act("3)", "Nominate women candidates for senior positions in United Nations missions and regional organisations", "MFA"),
                ),
            ),
        ),
    )


def _protection() -> PillarSpec:
    return PillarSpec(
        name="Protection",
        objectives=(
            _objective(
                "5.",
                "Protect women and girls from sexual and gender-based violence in conflict and crisis",
                _strategy(
                    "5.1.",
                    "Strengthen prevention of and response to conflict-related sexual violence",
                    _act("1)", "Establish one-stop centres offering medical, psychosocial and legal assistance to survivors of sexual and gender-based violence in every province, giving priority to provinces affected by conflict or hosting displaced persons, and make sure that each centre is accessible to women and girls with disabilities and staffed around the clock by trained personnel who speak the local languages", "MOH", "MWFA"),
                    _act("2)", "Train health workers on the clinical management of rape and on referral of survivors", "MOH", "MWFA"),
                    _act("3)", "Set up specialised police units for sexual and gender-based violence with women officers in all districts", "NPS"),
                    _act("4)", "Include the prevention of sexual exploitation and abuse in the codes of conduct of all security forces", "MOD", "NPS"),
                ),
                _strategy(
                    "5.2.",
                    "Ensure access to justice and accountability",
                    _act("1)", "Amend the Criminal Code so that conflict-related sexual violence is not subject to any statute of limitations", "MOJ"),
                    _act("2)", "Provide free legal aid to survivors of sexual and gender-based violence", "MOJ"),
                    _act("3)", "Establish a reparations programme for survivors of conflict-related sexual violence in consultation with survivors' associations", "MOJ", "MWFA"),
                    _act(None, "Monitor the handling of cases of sexual violence by the courts and publish the findings every year", "NHRC"),
                ),
                _strategy(
                    "5.3.",
                    "Combat trafficking in women and girls in conflict and crisis situations",
                    _act("1)", "Adopt standard operating procedures for the identification and referral of victims of trafficking among refugees, displaced persons and migrants", "MOI", "NPS"),
                    _act("2)", "Strengthen cooperation with neighbouring countries on the investigation and prosecution of trafficking networks that exploit women and girls fleeing conflict", "MOI", "NPS"),
                    _act("3)", "Provide shelter, residence permits and reintegration support to victims of trafficking, whatever their nationality and whether or not they cooperate with the investigation", "MWFA"),
                ),
            ),
            _objective(
                "6.",
                "Protect women human rights defenders, peacebuilders and refugee and displaced women",
                _strategy(
                    "6.1.",
                    "Prevent and respond to threats against women human rights defenders and peacebuilders",
                    _act("1)", "Create a rapid protection mechanism for women human rights defenders under threat, with temporary relocation and security measures", "MOI", "NHRC"),
                    _act("2)", "Train police officers, prosecutors and judges on the specific risks faced by women human rights defenders", "MOI", "NHRC"),
                    _act("3)", "Support the work of women human rights defenders abroad through embassies and development cooperation programmes", "MFA"),
                ),
                _strategy(
                    "6.2.",
                    "Meet the protection needs of refugee, asylum-seeking and internally displaced women and girls",
                    _act("1)", "Apply gender-sensitive procedures in asylum interviews, including the choice of the sex of interviewers and interpreters", "MOI"),
                    _act("2)", "Provide safe, separate and well-lit accommodation for women and girls in reception centres and camps", "MOI", "NDMA"),
                    _act("3)", "Ensure access to sexual and reproductive health services for displaced women and girls", "MOH"),
                ),
            ),
        ),
    )


def _relief_and_recovery() -> PillarSpec:
    return PillarSpec(
        name="Relief and Recovery",
        objectives=(
            _objective(
                "7.",
                "Ensure gender-responsive humanitarian assistance and disaster response",
                _strategy(
                    "7.1.",
                    "Integrate gender in national disaster and crisis management",
                    _act("1)", "Revise the national disaster risk reduction strategy and contingency plans to address the specific needs and capacities of women and girls", "NDMA"),
                    _act("2)", "Ensure that at least 30 per cent of the members of disaster management committees at all levels are women", "NDMA"),
                    _act("3)", "Collect and publish data disaggregated by sex, age and disability in all rapid needs assessments", "NDMA", "NSO"),
                ),
                _strategy(
                    "7.2.",
                    "Make humanitarian aid provided abroad gender-responsive",
                    _act("1)", "Apply a gender marker to all humanitarian funding decisions and report on it every year", "DCA"),
                    _act("2)", "Fund women-led organisations in humanitarian settings through flexible, multi-year grants", "DCA"),
                    _act(None, "Support programmes for the prevention of gender-based violence in emergencies", "DCA", "MFA"),
                ),
            ),
            _objective(
                "8.",
                "Support the economic recovery and reintegration of women affected by conflict",
                _strategy(
                    "8.1.",
                    "Promote the economic empowerment of women in post-conflict and fragile areas",
                    _act("1)", "Provide vocational training, start-up grants and access to credit to women affected by conflict, including women heads of household and former combatants", "MWFA"),
                    _act("2)", "Ensure that women benefit equally from land restitution and reconstruction programmes", "MWFA", "MOJ"),
                    _act("3)", "Include women's cooperatives in public procurement for reconstruction projects", "MOF"),
                ),
                _strategy(
                    "8.2.",
                    "Address the needs of women in disarmament, demobilisation and reintegration",
                    _act("1)", "Design disarmament, demobilisation and reintegration programmes that take account of women associated with armed groups and of the families of former combatants", "MOD"),
                    _act("2)", "Provide psychosocial support and trauma counselling to women and girls returning from armed groups", "MOH"),
                ),
            ),
        ),
    )


def _coordination() -> PillarSpec:
    return PillarSpec(
        name="Coordination and Monitoring",
        objectives=(
            _objective(
                "9.",
                "Strengthen the coordination and financing of the National Action Plan",
                _strategy(
                    "9.1.",
                    "Strengthen institutional coordination",
                    _act("1)", "Convene the inter-ministerial steering committee on women, peace and security twice a year", "MWFA"),
                    _act("2)", "Designate a senior focal point for women, peace and security in every ministry and agency responsible for actions under this Plan", "All ministries"),
                    _act("3)", "Hold an annual consultation with civil society organisations, women's networks and academia on the implementation of the Plan", "MWFA"),
                ),
                _strategy(
                    "9.2.",
                    "Secure adequate financing",
                    _act("1)", "Identify the budget allocated to each action of the Plan in the annual budget of the responsible ministries", "MOF"),
                    _act("2)", "Apply gender-responsive budgeting to the security and defence budgets", "MOF", "MOD"),
                ),
            ),
            _objective(
                "10.",
                "Monitor, evaluate and report on the implementation of the Plan",
                _strategy(
                    "10.1.",
                    "Establish a monitoring and evaluation framework",
                    _act("1)", "Adopt a results framework with baselines, indicators and targets for every objective of the Plan", "MWFA", "NSO"),
                    _act("2)", "Publish an annual progress report and present it to Parliament", "MWFA"),
                    _act("3)", "Commission an independent mid-term review in 2027 and a final evaluation in 2029", "MWFA"),
                ),
                _strategy(
                    "10.2.",
                    "Report at regional and international level",
                    _act("1)", "Report on the implementation of the Plan to the Committee on the Elimination of Discrimination against Women and in the universal periodic review", "MFA"),
                    _act("2)", "Share the experience of the Plan in regional networks of women, peace and security focal points", "MFA", "MWFA"),
                ),
            ),
        ),
    )


def sample_matrix_plan() -> PlanSpec:
    """English plan drawn as narrow per-strategy tables (like the Republic of Korea's plan)."""
    return PlanSpec(
        title="Illustrative Third National Action Plan on Women, Peace and Security 2025–2029 (sample document)",
        country="XSA",
        issuer="Inter-Ministerial Steering Committee on Women, Peace and Security (sample)",
        language="en",
        period=(2025, 2029),
        nap_number=3,
        intro=_MATRIX_INTRO,
        pillars=(_prevention(), _participation(), _protection(), _relief_and_recovery(), _coordination()),
    )


# ---- wide-matrix plans ------------------------------------------------------------------------


def _activity(
    number: str,
    text: str,
    lead: tuple[str, ...],
    partners: tuple[str, ...] = (),
    *,
    indicator: str | None = None,
    target: str | None = None,
    timeline: str | None = None,
    budget: str | None = None,
) -> ActionSpec:
    return ActionSpec(number, text, lead, partners, indicator, target, timeline, budget)


def _node(number: str, text: str, kind: str, *children: ObjectiveSpec) -> ObjectiveSpec:
    return ObjectiveSpec(number=number, text=text, kind=kind, children=children)


def _leaf(number: str, text: str, kind: str, *actions: ActionSpec) -> ObjectiveSpec:
    return ObjectiveSpec(number=number, text=text, kind=kind, actions=actions)


def sample_wide_plan_en() -> PlanSpec:
    """English landscape matrix: STRATEGIC OBJECTIVE | SPECIFIC OBJECTIVE | ACTIVITIES | INDICATOR |
    TARGET | COORDINATOR | PARTICIPANTS, with lettered activities and shared indicators."""
    so, sp = "strategic_objective", "specific_objective"
    mod_part = ("MWFA", "Civil society organisations")
    trained = "Number of personnel trained, disaggregated by sex and rank"
    return PlanSpec(
        title="Illustrative Second National Action Plan for the Implementation of Security Council Resolution 1325 (2000), 2024–2028 (sample document)",
        country="XSA",
        issuer="National Commission on Women, Peace and Security (sample)",
        language="en",
        period=(2024, 2028),
        nap_number=2,
        intro=(
            "Introduction",
            "This illustrative sample was prepared to test tools that read National Action Plans on "
            "Women, Peace and Security. It describes no real country. It is laid out like the "
            "results matrices of many second-generation plans: strategic objectives broken down "
            "into specific objectives, activities, indicators, targets and the institutions "
            "responsible for them.",
            "The second National Action Plan covers the years 2024 to 2028 and is built on three "
            "pillars: Prevention, Participation, and Protection and Relief. The National Commission "
            "on Women, Peace and Security coordinates its implementation and reports on it every year.",
        ),
        pillars=(
            PillarSpec("Prevention", (
                _node("1.", "Prevent conflict and violence against women through gender-responsive security policies", so,
                    _leaf("1.1.", "Integrate a gender perspective into security and defence policies", sp,
                        _activity("a)", "Review the national security strategy from a gender perspective", ("MOD",), mod_part,
                                  indicator="Gender review of the strategy published", target="Review published by 2025"),
                        _activity("b)", "Include a gender analysis in the annual threat assessment", ("MOD",), mod_part,
                                  indicator="Number of annual threat assessments that include a gender analysis", target="One every year"),
                    ),
                    _leaf("1.2.", "Build the capacity of security personnel on women, peace and security", sp,
                        _activity("a)", "Train military officers on resolution 1325 (2000) and on the prevention of sexual violence", ("MOI",), ("MOD", "NPS", "UN Women"),
                                  indicator=trained, target="80 per cent of personnel trained by 2028"),
                        _activity("b)", "Train police officers and investigators on gender-based violence in crisis settings", ("MOI",), ("MOD", "NPS", "UN Women"),
                                  indicator=trained, target="80 per cent of personnel trained by 2028"),
                        _activity("c)", "Train border guards on the identification of victims of trafficking", ("MOI",), ("MOD", "NPS", "UN Women"),
                                  indicator="Percentage of border posts with trained staff", target="80 per cent of personnel trained by 2028"),
                    ),
                ),
                _node("2.", "Raise awareness of women, peace and security", so,
                    _leaf("2.1.", "Inform the public about the Plan and about the role of women in peace", sp,
                        _activity("a)", "Run a national information campaign on the Plan in all official languages", ("MWFA",), ("MOE", "Media associations"),
                                  indicator="Number of people reached", target="Two campaigns a year"),
                        _activity("b)", "Train journalists on gender-sensitive reporting on conflict and violence", ("MWFA",), ("MOE", "Media associations"),
                                  indicator="Number of people reached", target="200 journalists trained"),
                    ),
                ),
            )),
            PillarSpec("Participation", (
                _node("3.", "Increase the participation of women in decision-making on peace and security", so,
                    _leaf("3.1.", "Increase the number of women in peace negotiations and mediation", sp,
                        _activity("a)", "Establish a national roster of women mediators", ("MFA",), ("MWFA", "Civil society organisations"),
                                  indicator="Roster established and updated", target="At least 50 women mediators listed"),
                        _activity("b)", "Include women in every official delegation to peace talks and regional security dialogues", ("MFA",), ("MWFA", "Civil society organisations"),
                                  indicator="Percentage of women in official delegations", target="At least 40 per cent"),
                        _activity("c)", "Support a network of women mediators with training and exchanges", ("MFA",), ("MWFA", "Civil society organisations"),
                                  indicator="Roster established and updated", target="At least 50 women mediators listed"),
                    ),
                    _leaf("3.2.", "Increase the share of women in the armed forces and the police", sp,
                        _activity("a)", "Review recruitment criteria and physical tests to remove barriers to women", ("MOD",), ("NPS",),
                                  indicator="Percentage of women among new recruits", target="25 per cent by 2028"),
                        _activity("b)", "Run recruitment campaigns for the police aimed at young women", ("NPS",), ("MOI",),
                                  indicator="Percentage of women among new recruits", target="25 per cent by 2028"),
                        _activity("c)", "Create mentoring programmes for women officers", ("NPS",), ("MOI",),
                                  indicator="Number of women officers in mentoring programmes", target="300 women officers"),
                    ),
                ),
                _node("4.", "Strengthen the leadership of women at local level", so,
                    _leaf("4.1.", "Support women's participation in local peace and security committees", sp,
                        _activity("a)", "Reserve at least half of the seats in local peace committees for women", ("MOI",), ("Local governments", "Civil society organisations"),
                                  indicator="Percentage of women members of local peace committees", target="50 per cent"),
                        _activity("b)", "Train women members of local committees in mediation and leadership", ("MOI",), ("Local governments", "Civil society organisations"),
                                  indicator="Number of women trained", target="200 women trained by 2026"),
                    ),
                ),
            )),
            PillarSpec("Protection and Relief", (
                _node("5.", "Protect women and girls from gender-based violence in conflict and crisis", so,
                    _leaf("5.1.", "Provide comprehensive services to survivors of gender-based violence", sp,
                        _activity("a)", "Open one-stop centres for survivors in the provinces most affected by conflict", ("MOH",), ("MWFA", "UNFPA"),
                                  indicator="Number of one-stop centres operating", target="One centre in every affected province"),
                        _activity("b)", "Train health workers on the clinical management of rape", ("MOH",), ("MWFA", "UNFPA"),
                                  indicator="Number of health workers trained", target="500 health workers trained"),
                        _activity("c)", "Provide psychosocial support to survivors and their families", ("MOH",), ("MWFA", "UNFPA"),
                                  indicator="Number of survivors assisted", target="All survivors who seek help"),
                    ),
                    _leaf("5.2.", "End impunity for sexual violence in conflict", sp,
                        _activity("a)", "Provide free legal aid to survivors", ("MOJ",), ("Bar association", "NHRC"),
                                  indicator="Number of survivors who received legal aid", target="All survivors who request it"),
                        _activity("b)", "Set up specialised prosecution units for sexual and gender-based violence", ("MOJ",), ("Bar association", "NHRC"),
                                  indicator="Number of cases prosecuted", target="A unit in every province by 2027"),
                    ),
                ),
                _node("6.", "Ensure gender-responsive relief and recovery", so,
                    _leaf("6.1.", "Meet the specific needs of women and girls in humanitarian response", sp,
                        _activity("a)", "Collect data disaggregated by sex, age and disability in all needs assessments", ("NDMA",), ("NSO", "Humanitarian partners"),
                                  indicator="Percentage of assessments with disaggregated data", target="100 per cent"),
                        _activity("b)", "Include women's organisations in humanitarian coordination bodies", ("NDMA",), ("NSO", "Humanitarian partners"),
                                  indicator="Percentage of coordination bodies that include women's organisations", target="100 per cent"),
                    ),
                ),
            )),
        ),
    )


def sample_wide_plan_es() -> PlanSpec:
    """Spanish landscape matrix: OBJETIVO ESTRATÉGICO | OBJETIVO ESPECÍFICO | ACTIVIDADES |
    INDICADOR | META | COORDINADOR | PARTICIPANTES, ejes as rows across the table, activities
    lettered a), b)… and indicators that cover some of them (``a) y b) …``)."""
    oe, oesp = "strategic_objective", "specific_objective"
    mindef = (("MINDEF",), ("MINMUJER", "Organizaciones de la sociedad civil"))
    fuerzas = (("MINDEF",), ("MINMUJER", "ONU Mujeres"))
    misiones = (("MINDEF",), ("PN", "MRE"))
    mediadoras = (("MRE",), ("MINMUJER", "Organizaciones de la sociedad civil"))
    fondo = (("MINMUJER",), ("Gobiernos locales", "Cooperación internacional"))
    salud = (("MINSA",), ("MINMUJER", "MP"))
    justicia = (("MP",), ("PN", "Defensoría del Pueblo"))
    campanas = (("MINMUJER",), ("MINEDU", "Medios de comunicación"))
    return PlanSpec(
        title="Plan de Acción Nacional ilustrativo para la implementación de la Resolución 1325 (2000) del Consejo de Seguridad, 2024-2027 (documento de muestra)",
        country="XSB",
        issuer="Mesa Interinstitucional sobre Mujeres, Paz y Seguridad (muestra)",
        language="es",
        period=(2024, 2027),
        nap_number=1,
        intro=(
            "Presentación",
            "Este documento es una muestra ilustrativa, elaborada para probar herramientas que leen "
            "planes de acción nacionales sobre mujeres, paz y seguridad. No describe a ningún país "
            "real. Sigue la estructura de muchos primeros planes de la región: objetivos "
            "estratégicos, objetivos específicos, actividades, indicadores, metas y las "
            "instituciones coordinadoras y participantes.",
            "Este primer Plan de Acción Nacional se organiza en tres ejes: Prevención, Participación y "
            "Protección. La Mesa "
            "Interinstitucional sobre Mujeres, Paz y Seguridad, presidida por el Ministerio de la "
            "Mujer (MINMUJER), coordina su ejecución junto con el Ministerio de Defensa (MINDEF), el "
            "Ministerio de Relaciones Exteriores (MRE), la Policía Nacional (PN), el Ministerio "
            "Público (MP) y el Ministerio de Salud (MINSA).",
        ),
        pillars=(
            PillarSpec("EJE 1. PREVENCIÓN", (
                _node("1.", "Prevenir la violencia contra las mujeres y las niñas en contextos de conflicto y crisis", oe,
                    _leaf("1.1", "Incorporar la perspectiva de género en las políticas de seguridad y defensa", oesp,
                        _activity("a)", "Revisar la política de defensa nacional con enfoque de género", *mindef,
                                  indicator="Número de documentos de política revisados con enfoque de género", target="Cumplido al 2026"),
                        _activity("b)", "Incorporar el análisis de género en los planes de seguridad ciudadana", *mindef,
                                  indicator="Número de documentos de política revisados con enfoque de género", target="Cumplido al 2026"),
                        _activity("c)", "Elaborar un protocolo de actuación frente al acoso y la violencia sexual en las Fuerzas Armadas", *mindef,
                                  indicator="Protocolo aprobado y difundido", target="Cumplido al 2026"),
                    ),
                    _leaf("1.2", "Fortalecer las capacidades del personal de seguridad en materia de mujeres, paz y seguridad", oesp,
                        _activity("a)", "Capacitar al personal militar en la Resolución 1325 y sus resoluciones conexas", *fuerzas,
                                  indicator="Número de efectivos capacitados, desagregado por sexo", target="2.000 efectivos capacitados"),
                        _activity("b)", "Incluir un módulo sobre mujeres, paz y seguridad en las escuelas de formación militar", *fuerzas,
                                  indicator="Número de efectivos capacitados, desagregado por sexo", target="Módulo incluido en todas las escuelas"),
                        _activity("c)", "Capacitar al personal policial en la atención a víctimas de violencia basada en género", ("PN",), ("MININT", "MINMUJER"),
                                  indicator="Número de policías capacitados", target="3.000 policías capacitados"),
                    ),
                ),
                _node("2.", "Promover una cultura de paz y de igualdad entre mujeres y hombres", oe,
                    _leaf("2.1", "Sensibilizar a la población sobre la agenda de mujeres, paz y seguridad", oesp,
                        _activity("a)", "Realizar campañas de comunicación en medios nacionales y comunitarios", *campanas,
                                  indicator="Número de campañas realizadas", target="Una campaña anual"),
                        _activity("b)", "Incorporar contenidos de educación para la paz y la igualdad en el currículo escolar", *campanas,
                                  indicator="Currículo actualizado", target="Currículo actualizado al 2026"),
                    ),
                ),
            )),
            PillarSpec("EJE 2. PARTICIPACIÓN", (
                _node("3.", "Aumentar la participación de las mujeres en los espacios de decisión sobre paz y seguridad", oe,
                    _leaf("3.1", "Promover la participación de las mujeres en las Fuerzas Armadas y en las misiones de paz", oesp,
                        _activity("a)", "Aumentar el número de mujeres desplegadas en operaciones de mantenimiento de la paz", *misiones,
                                  indicator="Porcentaje de mujeres en los contingentes desplegados", target="Al menos 15 % de mujeres al 2027"),
                        _activity("b)", "Revisar los requisitos de ingreso y ascenso para eliminar las barreras que enfrentan las mujeres", *misiones,
                                  indicator="Número de medidas adoptadas para eliminar barreras", target="Al menos 15 % de mujeres al 2027"),
                        _activity("c)", "Crear una red de mujeres militares y policías", *misiones,
                                  indicator="Número de medidas adoptadas para eliminar barreras", target="Al menos 15 % de mujeres al 2027"),
                    ),
                    _leaf("3.2", "Fortalecer el liderazgo de las mujeres en la construcción de paz", oesp,
                        _activity("a)", "Conformar un registro nacional de mujeres mediadoras", *mediadoras,
                                  indicator="Registro conformado", target="Registro publicado al 2025"),
                        _activity("b)", "Garantizar la presencia de mujeres en las delegaciones oficiales de negociación", *mediadoras,
                                  indicator="Porcentaje de mujeres en las delegaciones oficiales", target="40 %"),
                    ),
                ),
                _node("4.", "Fortalecer la participación de las organizaciones de mujeres", oe,
                    _leaf("4.1", "Apoyar a las organizaciones de mujeres que trabajan en la construcción de paz", oesp,
                        _activity("a)", "Crear un fondo concursable para iniciativas locales de paz lideradas por mujeres", *fondo,
                                  indicator="Número de organizaciones de mujeres apoyadas", target="60 organizaciones al 2027"),
                        _activity("b)", "Brindar asistencia técnica a las organizaciones beneficiarias", *fondo,
                                  indicator="Número de organizaciones de mujeres apoyadas", target="60 organizaciones al 2027"),
                    ),
                ),
            )),
            PillarSpec("EJE 3. PROTECCIÓN", (
                _node("5.", "Proteger los derechos de las mujeres y las niñas afectadas por conflictos y crisis", oe,
                    _leaf("5.1", "Garantizar la atención integral a sobrevivientes de violencia sexual", oesp,
                        _activity("a)", "Implementar centros de atención integral en las zonas priorizadas", *salud,
                                  indicator="Número de centros que ofrecen el paquete mínimo de servicios", target="Un centro por zona priorizada"),
                        _activity("b)", "Capacitar al personal de salud en el manejo clínico de la violación", *salud,
                                  indicator="Número de profesionales de salud capacitados", target="800 profesionales capacitados"),
                        _activity("c)", "Asegurar el acceso a anticoncepción de emergencia y profilaxis post-exposición", *salud,
                                  indicator="Número de centros que ofrecen el paquete mínimo de servicios", target="Un centro por zona priorizada"),
                    ),
                    _leaf("5.2", "Fortalecer el acceso a la justicia de las víctimas", oesp,
                        _activity("a)", "Crear fiscalías especializadas en violencia de género", *justicia,
                                  indicator="Número de fiscalías especializadas creadas", target="Cobertura en todas las regiones al 2027"),
                        _activity("b)", "Brindar patrocinio legal gratuito a las víctimas", *justicia,
                                  indicator="Número de víctimas con patrocinio legal", target="Cobertura en todas las regiones al 2027"),
                    ),
                ),
            )),
        ),
    )


def sample_wide_plan_es_results() -> PlanSpec:
    """Spanish results matrix: OBJETIVO ESPECÍFICO | RESULTADOS ESPERADOS | ACTIVIDADES |
    INDICADOR | RESPONSABLE | PLAZO | PRESUPUESTO."""
    oe, r = "specific_objective", "expected_result"
    mi, med = ("MININT",), ("MRE", "MINMUJER")
    mm, ine = ("MINMUJER",), ("INE", "MINMUJER")
    return PlanSpec(
        title="Plan de Acción Nacional ilustrativo sobre Mujeres, Paz y Seguridad 2025-2030: matriz de resultados (documento de muestra)",
        country="XSB",
        issuer="Ministerio de la Mujer (muestra)",
        language="es",
        period=(2025, 2030),
        nap_number=None,
        intro=(
            "Este documento es una muestra ilustrativa de una matriz de resultados de un plan de "
            "acción nacional sobre mujeres, paz y seguridad. No describe a ningún país real.",
            "Cada objetivo específico se desglosa en resultados esperados y actividades, con su "
            "indicador, la institución responsable, el plazo y el presupuesto estimado.",
        ),
        pillars=(
            PillarSpec("EJE 1: PARTICIPACIÓN Y LIDERAZGO", (
                _node("OE1.", "Incrementar la participación de las mujeres en la toma de decisiones en materia de paz y seguridad", oe,
                    _leaf("R1.1", "Mujeres participan en las instancias de decisión del sector seguridad", r,
                        _activity("a)", "Realizar un diagnóstico de la participación de las mujeres en las instituciones de seguridad", mi,
                                  indicator="Diagnóstico publicado", timeline="2025", budget="USD 40.000"),
                        _activity("b)", "Aprobar un plan institucional de igualdad en la Policía Nacional", mi,
                                  indicator="Plan aprobado", timeline="2026", budget="USD 25.000"),
                    ),
                    _leaf("R1.2", "Mujeres mediadoras formadas y reconocidas", r,
                        _activity("a)", "Ejecutar un programa de formación de mujeres mediadoras", med,
                                  indicator="Número de mujeres formadas", timeline="2025-2027", budget="USD 120.000"),
                        _activity("b)", "Organizar encuentros anuales de mujeres mediadoras", med,
                                  indicator="Número de encuentros realizados", timeline="Anual", budget="USD 120.000"),
                    ),
                ),
            )),
            PillarSpec("EJE 2: PREVENCIÓN Y PROTECCIÓN", (
                _node("OE2.", "Prevenir y responder a la violencia sexual y de género en situaciones de crisis", oe,
                    _leaf("R2.1", "Protocolo interinstitucional de atención adoptado y aplicado", r,
                        _activity("a)", "Elaborar un protocolo interinstitucional de atención a víctimas en emergencias", mm,
                                  indicator="Protocolo aprobado e implementado", timeline="2025", budget="USD 30.000"),
                        _activity("b)", "Capacitar a los equipos de respuesta a emergencias en la aplicación del protocolo", mm,
                                  indicator="Protocolo aprobado e implementado", timeline="2026", budget="USD 30.000"),
                        _activity("c)", "Difundir el protocolo en las regiones fronterizas", mm,
                                  indicator="Número de regiones con el protocolo difundido", timeline="2026", budget="USD 30.000"),
                    ),
                    _leaf("R2.2", "Sistema de información sobre violencia de género en emergencias en funcionamiento", r,
                        _activity("a)", "Incorporar variables de violencia de género en el registro nacional de emergencias", ine,
                                  indicator="Variables incorporadas", timeline="2026", budget="Recursos ordinarios"),
                        _activity("b)", "Publicar un informe estadístico anual", ine,
                                  indicator="Informe publicado", timeline="Anual", budget="Recursos ordinarios"),
                    ),
                ),
            )),
        ),
    )


def sample_wide_plan_fr() -> PlanSpec:
    """French landscape matrix: OBJECTIFS SPÉCIFIQUES | RÉSULTATS ATTENDUS | ACTIVITÉS |
    INDICATEURS | ACTEURS | ÉCHÉANCE | BUDGET, with ``AXE n.`` rows across the table."""
    os_, r = "specific_objective", "expected_result"
    quotas = ("MFFE", "OSC")
    fds = ("MD", "MS")
    comites = ("MATD", "OSC")
    sensib = ("MFFE", "Leaders religieux et coutumiers", "Médias")
    prise = ("MSP", "MFFE", "MJ")
    return PlanSpec(
        title="Plan d'action national illustratif pour la mise en œuvre de la résolution 1325 (2000) du Conseil de sécurité, 2025-2029 (document d'exemple)",
        country="XSC",
        issuer="Comité national de pilotage de la résolution 1325 (exemple)",
        language="fr",
        period=(2025, 2029),
        nap_number=2,
        intro=(
            "Avant-propos",
            "Ce document est un exemple illustratif, rédigé pour tester des outils qui lisent les "
            "plans d'action nationaux sur les femmes, la paix et la sécurité. Il ne décrit aucun "
            "pays réel. Sa matrice suit la forme de nombreux plans de deuxième génération : "
            "objectifs spécifiques, résultats attendus, activités, indicateurs, acteurs, échéance "
            "et budget.",
            "Ce deuxième plan d'action national s'articule autour de trois axes : la participation, "
            "la prévention et la protection. Le Ministère de la Femme, de la Famille et de l'Enfant "
            "(MFFE) en assure la coordination avec le Ministère de la Défense (MD), le Ministère de "
            "la Sécurité (MS), le Ministère de la Justice (MJ), le Ministère de la Santé publique "
            "(MSP), le Ministère de l'Administration territoriale et de la Décentralisation (MATD) "
            "et les organisations de la société civile (OSC).",
        ),
        pillars=(
            PillarSpec("AXE 1. PARTICIPATION", (
                _node("OS 1.1", "Accroître la participation des femmes aux instances de décision en matière de paix et de sécurité", os_,
                    _leaf("R 1.1.1", "La représentation des femmes dans les instances de prévention et de gestion des conflits est renforcée", r,
                        _activity("a)", "Plaider pour l'application de la loi sur les quotas dans les instances de décision", quotas,
                                  indicator="Proportion de femmes dans les instances de décision", timeline="2025-2027", budget="10 000 USD"),
                        _activity("b)", "Former les femmes leaders aux techniques de négociation et de médiation", quotas,
                                  indicator="Proportion de femmes dans les instances de décision", timeline="2025-2027", budget="35 000 USD"),
                        _activity("c)", "Mettre en place un réseau national des femmes médiatrices", quotas,
                                  indicator="Réseau fonctionnel", timeline="2025-2027", budget="35 000 USD"),
                    ),
                    _leaf("R 1.1.2", "Les femmes sont mieux représentées dans les forces de défense et de sécurité", r,
                        _activity("a)", "Réviser les conditions de recrutement et d'avancement dans les forces de défense et de sécurité", fds,
                                  indicator="Pourcentage de femmes parmi les recrues", timeline="2026", budget="Budget de l'État"),
                        _activity("b)", "Aménager des infrastructures adaptées aux femmes dans les casernes et les commissariats", fds,
                                  indicator="Nombre de casernes et de commissariats aménagés", timeline="2025-2029", budget="120 000 USD"),
                    ),
                ),
                _node("OS 1.2", "Renforcer le leadership des femmes au niveau local", os_,
                    _leaf("R 1.2.1", "Les comités locaux de paix intègrent les femmes", r,
                        _activity("a)", "Appuyer la mise en place de comités locaux de paix mixtes", comites,
                                  indicator="Nombre de comités locaux de paix comptant au moins 30 % de femmes", timeline="2025-2027", budget="50 000 USD"),
                        _activity("b)", "Former les membres des comités à la prévention et à la gestion des conflits", comites,
                                  indicator="Nombre de comités locaux de paix comptant au moins 30 % de femmes", timeline="2025-2027", budget="50 000 USD"),
                    ),
                ),
            )),
            PillarSpec("AXE 2. PRÉVENTION", (
                _node("OS 2.1", "Prévenir les violences basées sur le genre", os_,
                    _leaf("R 2.1.1", "Les communautés sont sensibilisées aux violences basées sur le genre", r,
                        _activity("a)", "Organiser des campagnes de sensibilisation dans les zones à risque", sensib,
                                  indicator="Nombre de personnes touchées par les campagnes", timeline="Annuelle", budget="30 000 USD"),
                        _activity("b)", "Produire des émissions radiophoniques en langues nationales", sensib,
                                  indicator="Nombre de personnes touchées par les campagnes", timeline="Annuelle", budget="30 000 USD"),
                    ),
                    _leaf("R 2.1.2", "Les forces de défense et de sécurité sont formées sur la résolution 1325", r,
                        _activity("a)", "Intégrer un module sur la résolution 1325 dans les écoles de formation militaire et de police", fds,
                                  indicator="Module intégré dans les curricula", timeline="2026", budget="20 000 USD"),
                        _activity("b)", "Former des formateurs au sein des forces de défense et de sécurité", fds,
                                  indicator="Nombre de formateurs formés", timeline="2025-2026", budget="20 000 USD"),
                    ),
                ),
            )),
            PillarSpec("AXE 3. PROTECTION", (
                _node("OS 3.1", "Assurer la prise en charge des survivantes de violences", os_,
                    _leaf("R 3.1.1", "Les survivantes bénéficient d'une prise en charge holistique", r,
                        _activity("a)", "Créer des centres de prise en charge intégrée des survivantes", prise,
                                  indicator="Nombre de survivantes prises en charge", timeline="2025-2029", budget="250 000 USD"),
                        _activity("b)", "Mettre en place un fonds d'assistance aux survivantes", prise,
                                  indicator="Nombre de survivantes prises en charge", timeline="2025-2029", budget="250 000 USD"),
                        _activity("c)", "Former les acteurs judiciaires à la prise en charge des violences sexuelles", prise,
                                  indicator="Nombre d'acteurs judiciaires formés", timeline="2025-2029", budget="250 000 USD"),
                    ),
                ),
            )),
        ),
    )
