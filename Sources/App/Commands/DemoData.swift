import Foundation
import Validation

/// The records `liftwatch demo` loads: the user manual's examples (维保单位用户手册 1.1, 2.1, 2.2, 2.3, 3.1,
/// 3.2), as the forms would receive them. Where the manual's values are cut short or cannot be real
/// the nearest valid value is used and the comment says so; every ID number has its GB 11643 check
/// character.
enum DemoData {
    // MARK: 凯旋电梯维保有限公司 (1.1, 2.1, 3.2)

    static func kaixuanRegistration(password: String) -> CompanyRegistrationInput {
        var input = CompanyRegistrationInput()
        input.username = "kxwbgs"
        input.password = password
        input.passwordConfirm = password
        input.name = "凯旋电梯维保有限公司"
        input.certificateNo = "TS3344A12-2011"
        input.legalPerson = "张东力"
        input.manager = "姚俊杰"
        input.managerPhone = "13733877795"
        input.address = "郑州市高新区雪峰路26号"
        input.regionCode = "410181"  // 河南省郑州市巩义市
        return input
    }

    /// 2.1's edit form; the dates and office address are 3.2's row. The manual leaves 级别 and 联系电话
    /// blank: A and a 巩义 (0371) landline are made up.
    static var kaixuanInfo: CompanyInfoInput {
        var input = CompanyInfoInput()
        input.name = "凯旋电梯维保有限公司"
        input.certificateNo = "TS3344A12-2011"
        input.legalPerson = "张东力"
        input.manager = "姚俊杰"
        input.managerPhone = "13733877795"
        input.address = "郑州市高新区雪峰路26号"
        input.regionCode = "410181"
        input.certificateIssued = "2013-05-06"
        input.certificateExpires = "2016-09-08"
        input.level = "A"
        input.officeAddress = "巩义市人民路34号"
        input.phone = "0371-64321234"
        return input
    }

    // MARK: 凯旋's staff (2.2, 2.2.1, 2.2.3)

    /// The manual's tables give only 发证日期; 有效日期 is four years on (TSG Z6001-2019), except 马金磊's,
    /// which 2.2.1's form shows. ID numbers: the manual's with the check character corrected (李文, 王强,
    /// 牛光耀, 李明力, 马金生, 马金磊), 万军's completed from its first six digits; 万军's phone (133160…)
    /// is completed too.
    static let kaixuanStaff: [String: StaffInput] = [
        "牛星": staff("牛星", "电梯维护人员", "410412198304120213", "TF2012-09123", "2011-04-01", "2015-04-01", "13013278904"),
        "李文": staff("李文", "电梯维护人员", "432413198008103218", "TF2015-04112", "2013-04-16", "2017-04-16", "13213204567"),
        "王强": staff("王强", "电梯维护人员", "411422197804238145", "TF2014-04236", "2013-03-14", "2017-03-14", "15515612345"),
        "万军": staff("万军", "维保工程师", "411422197906120156", "TZSB-2014-051713", "2014-05-29", "2018-05-29", "13316021718"),
        "牛光耀": staff("牛光耀", "电梯维护人员", "411422198203150898", "TF2012-04671", "2013-07-03", "2017-07-03", "13313207868"),
        "李明力": staff("李明力", "电梯维护人员", "410181198409253035", "TF2013-04678", "2015-09-01", "2019-09-01", "13463711881"),
        // 2.2.1's list shows 马金生 with 李明力's certificate number; kept as the manual has it.
        "马金生": staff("马金生", "维保人员", "41142319840806202X", "TF2013-04678", "2013-09-16", "2017-09-16", "13663017623"),
        // 2.2.1's form: 411423198204152128, whose check character should be X (RULES.md). Its 发证日期 is
        // first typed as 2014-09-01 and then picked as 2014-09-10 (the list's value): the demo files the
        // first, has it rejected, and corrects it.
        "马金磊": staff("马金磊", "维保人员", "41142319820415212X", "TF2013-06234", "2014-09-10", "2016-09-02", "13663017327"),
    ]

    /// The order the company entered them in: the 2.2 table, then 2.2.1's two new people.
    static let kaixuanStaffOrder = ["牛星", "李文", "王强", "万军", "牛光耀", "李明力", "马金生", "马金磊"]

    private static func staff(_ name: String, _ job: String, _ id: String, _ certificate: String, _ issued: String,
                              _ expires: String, _ phone: String) -> StaffInput {
        var input = StaffInput()
        input.name = name; input.jobType = job; input.idNumber = id; input.certificateNo = certificate
        input.certificateIssued = issued; input.certificateExpires = expires; input.phone = phone
        return input
    }

    // MARK: 凯旋's elevators (3.1's table; 2.3.1's hand-entered 客梯)

    /// 3.1's rows, in its order. The codes' region part is 411400 (商丘市); each elevator's 行政区划 is the
    /// county its 责任单位 names (虞城县 411425, 夏邑县 411426). The hand-entered 客梯 takes the company's
    /// own region, as a new elevator does; 3.1 shows its 安全管理员 as "李" and "132…", cut short,
    /// completed here.
    static let kaixuanElevators: [ElevatorInput] = [
        elevator("乘客电梯", "31004114002009090", "2014-12-02", "2015-12-02", "虞城县正德大酒店", "上海三菱电梯有限公司", yucheng),
        elevator("曳引式客梯", "31104114002014010", "2014-12-02", "2015-12-02", "虞城县佳润置业有限公司(清华南苑)", "河南宇通电梯有限公司", yucheng),
        elevator("曳引式客梯", "31104114002012090", "2014-04-20", "2015-04-20", "虞城阳光世纪城", "上海三菱电梯有限公司", yucheng),
        elevator("曳引式客梯", "31104114002015040", "2015-02-03", "2016-02-02", "夏邑县水岸华庭小区", "河南宇通电梯有限公司", xiayi),
        elevator("曳引式客梯", "31104114002013030", "2014-02-27", "2015-02-27", "虞城县西湖春天", "上海三菱电梯有限公司", yucheng),
        elevator("曳引式客梯", "31104114002014090", "2014-08-14", "2015-08-13", "商丘金都置业有限公司(虞城翰林东苑)", "上海三菱电梯有限公司", yucheng),
        elevator("无机房客梯", "31304114002014110", "2012-10-26", "2013-10-26", "商丘市星宇置业有限公司(虞城翰林华府)", "上海三菱电梯有限公司", yucheng),
        elevator("客梯", "31149912345611789", "2014-09-02", "2015-09-01", "郎莫物业有限公司", "上海三菱电梯有限公司", "410181",
                 manager: "李娟", managerPhone: "13213216688"),
        elevator("曳引式客梯", "31104114002014120", "2014-11-03", "2015-11-02", "商丘市金玉置业有限公司(虞城盛世观澜)", "申龙电梯有限公司", yucheng),
        elevator("曳引式客梯", "31104114002015070", "2015-06-04", "2016-06-03", "虞城县诚信小区", "申龙电梯有限公司", yucheng),
        elevator("曳引式客梯", "31104114002014040", "2013-12-31", "2014-12-30", "虞城县艾尚快捷", "河南宇通电梯有限公司", yucheng),
        elevator("曳引式客梯", "31104114002013090", "2014-09-29", "2015-09-29", "虞城县农村信用合作联社", "申龙电梯有限公司", yucheng),
        elevator("曳引式客梯", "31104114002013100", "2013-09-05", "2014-09-05", "商丘市星宇置业有限公司", "上海三菱电梯有限公司", yucheng),
    ]

    static let yucheng = "411425", xiayi = "411426"

    /// The 注册代码 the demo's story uses (see DemoStory).
    enum Code {
        /// 2.3's hand-entered 客梯: approved, then edited and not yet re-submitted (2.3.3: 待上报/更改).
        static let handEntered = "31149912345611789"
        /// Inspected again: its dates change and the change is approved (3.1 历史 shows old → new).
        static let reinspected = "31104114002013100"
        /// A 安全管理员 added and submitted: 审核中/更改.
        static let managerAdded = "31104114002014120"
        /// A renamed 责任单位 the regulator rejects: 未通过/更改.
        static let userUnitRenamed = "31104114002015070"
    }

    // MARK: A second company, in 新乡市红旗区 (made up; the tests use the same company)

    static func hongqiRegistration(password: String) -> CompanyRegistrationInput {
        var input = CompanyRegistrationInput()
        input.username = "hqdt"
        input.password = password
        input.passwordConfirm = password
        input.name = "红旗电梯工程有限公司"
        input.certificateNo = "TS3341B07-2019"
        input.legalPerson = "刘建华"
        input.manager = "陈志刚"
        input.managerPhone = "13903731234"
        input.address = "新乡市红旗区平原路1号"
        input.regionCode = "410702"  // 河南省新乡市红旗区
        return input
    }

    static var hongqiInfo: CompanyInfoInput {
        var input = CompanyInfoInput()
        input.name = "红旗电梯工程有限公司"
        input.certificateNo = "TS3341B07-2019"
        input.legalPerson = "刘建华"
        input.manager = "陈志刚"
        input.managerPhone = "13903731234"
        input.address = "新乡市红旗区平原路1号"
        input.regionCode = "410702"
        input.certificateIssued = "2023-06-20"
        input.certificateExpires = "2027-06-19"
        input.level = "B"
        input.officeAddress = "新乡市红旗区平原路1号"
        input.phone = "0373-5012345"
        return input
    }

    /// Its staff and elevators carry dates near `today`, so that certificates and inspections are current
    /// (one inspection falls due soon) whenever the demo is loaded.
    static func hongqiStaff(today: CivilDate) -> [StaffInput] {
        [
            staff("赵伟", "电梯维护人员", "410702198503162030", "TF2023-07011", day(today, -700),
                  day(today, -700 + 1461), "13837301122"),
            // Her certificate runs out in three weeks: the dashboard's 人员证书即将到期.
            staff("孙丽", "维保工程师", "41070319880927164X", "TZSB-2022-041208", day(today, -1440),
                  day(today, -1440 + 1461), "13937302233"),
            staff("郭磊", "电梯维护人员", "410711199107230514", "TF2025-03027", day(today, -90),
                  day(today, -90 + 1461), "15903733344"),
        ]
    }

    static let hongqiCodes = (passenger: "31104107002018050012", escalator: "33104107002020060008")

    /// 20-digit codes of the registration authority (3110 曳引驱动乘客电梯, 3310 自动扶梯; 410700 新乡市).
    static func hongqiElevators(today: CivilDate, rescueCode: (Int) -> String) -> [ElevatorInput] {
        func dates(_ inspectedDaysAgo: Int) -> (String, String) {
            (day(today, -inspectedDaysAgo), day(today, 365 - inspectedDaysAgo))
        }
        let a = dates(120), b = dates(340), c = dates(30), d = dates(10)
        return [
            elevator("曳引式客梯", "31104107002018050012", a.0, a.1, "新乡市平原花园物业服务有限公司", "日立电梯（中国）有限公司",
                     "410702", manager: "王红梅", managerPhone: "0373-2031234", rescue: rescueCode(1), address: "新乡市红旗区平原路88号平原花园3号楼"),
            elevator("自动扶梯", "33104107002020060008", b.0, b.1, "新乡市红旗区百货大楼有限公司", "通力电梯有限公司",
                     "410702", manager: "周敏", managerPhone: "13903735566", rescue: rescueCode(2), address: "新乡市红旗区人民路1号"),
            elevator("曳引式客梯", "31104107002021030021", c.0, c.1, "新乡市红旗区人民医院", "奥的斯电梯（中国）有限公司",
                     "410702", manager: "李强", managerPhone: "13837307788", rescue: rescueCode(3), address: "新乡市红旗区健康路9号门诊楼"),
            elevator("无机房客梯", "31104107002024110007", d.0, d.1, "新乡市红旗区金穗大道小区业主委员会", "河南宇通电梯有限公司",
                     "410702", manager: "", managerPhone: "", rescue: rescueCode(4), address: "新乡市红旗区金穗大道56号"),
        ]
    }

    /// The ISO date `days` after `date`.
    static func day(_ date: CivilDate, _ days: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day))!
        let parts = calendar.dateComponents([.year, .month, .day], from: calendar.date(byAdding: .day, value: days, to: start)!)
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!.iso
    }

    private static func elevator(_ name: String, _ code: String, _ inspected: String, _ next: String, _ userUnit: String,
                                 _ manufacturer: String, _ region: String, manager: String = "", managerPhone: String = "",
                                 rescue: String = "", address: String = "") -> ElevatorInput {
        var input = ElevatorInput()
        input.equipmentName = name; input.registrationCode = code; input.inspectionDate = inspected
        input.nextInspectionDate = next; input.userUnit = userUnit; input.manufacturer = manufacturer
        input.regionCode = region; input.safetyManager = manager; input.safetyManagerPhone = managerPhone
        input.rescueCode = rescue; input.address = address
        return input
    }
}
