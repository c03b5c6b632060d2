import Fluent
import Vapor

/// One login the demo made, as it prints it.
struct DemoLogin: Sendable {
    let role: String
    let username: String
    let password: String
    let note: String
}

extension DemoLoader {
    /// The manual's examples over ten days, ending where the manual's screenshots stand: 凯旋's information
    /// approved; its staff as 2.2 and 2.2.3 show them (four approved, 牛星 changed and not yet submitted,
    /// 牛光耀's new certificate number and the two new people 审核中, 马金磊 once rejected); the 13
    /// elevators of 3.1 all in the archive, one of them re-approved after an inspection, one changed and
    /// 审核中, one change rejected, and 2.3.3's 客梯 待上报/更改. A second company in 新乡市 has records in
    /// every state. `password` gives each account its password.
    mutating func loadStory(password: (String) -> String) async throws -> [DemoLogin] {
        var logins: [DemoLogin] = []

        // Day 0: the regulators of every region a demo record lies in, and the two companies register.
        for (username, name, region, note) in [
            ("zzjg", "赵监管", "410100", "郑州市（410100）：审核凯旋的单位信息、维保人员和巩义市的客梯"),
            ("sqjg", "孙监管", "411400", "商丘市（411400）：审核凯旋在虞城县、夏邑县维保的电梯"),
            ("xxjg", "王监管", "410700", "新乡市（410700）：审核红旗电梯工程有限公司的全部备案"),
        ] {
            let pw = password(username)
            _ = try await addRegulator(username, name: name, region: region, password: pw, at: time(0, 9))
            logins.append(DemoLogin(role: "监管人员", username: username, password: pw, note: note))
        }
        let kxPassword = password("kxwbgs"), hqPassword = password("hqdt")
        let kaixuan = try await register(DemoData.kaixuanRegistration(password: kxPassword), at: time(0, 9, 30))
        let hongqi = try await register(DemoData.hongqiRegistration(password: hqPassword), at: time(0, 10))
        logins.insert(contentsOf: [
            DemoLogin(role: "维保单位", username: "kxwbgs", password: kxPassword, note: "凯旋电梯维保有限公司（手册中的示例单位，郑州市巩义市）"),
            DemoLogin(role: "维保单位", username: "hqdt", password: hqPassword, note: "红旗电梯工程有限公司（新乡市红旗区）"),
        ], at: 0)

        // Day 1: 维保信息上报 (2.1) with the certificates scanned, approved the same afternoon.
        let kaixuanInfo = try await fileInformation(kaixuan, DemoData.kaixuanInfo, documents: [
            .init(name: "资格证书.pdf", data: DemoDocument.pdf(["Kaixuan Elevator Maintenance Co., Ltd.",
                                                              "Qualification certificate TS3344A12-2011",
                                                              "Issued 2013-05-06, valid until 2016-09-08", "(LiftWatch demo)"])),
            .init(name: "营业执照.pdf", data: DemoDocument.pdf(["Kaixuan Elevator Maintenance Co., Ltd.", "Business licence",
                                                              "Gongyi, Zhengzhou, Henan", "(LiftWatch demo)"])),
        ], at: time(1, 9))
        let hongqiInfo = try await fileInformation(hongqi, DemoData.hongqiInfo, documents: [
            .init(name: "资格证书.pdf", data: DemoDocument.pdf(["Hongqi Elevator Engineering Co., Ltd.",
                                                              "Qualification certificate TS3341B07-2019", "(LiftWatch demo)"])),
        ], at: time(1, 10))
        try await approve([kaixuanInfo], at: time(1, 15))
        try await approve([hongqiInfo], at: time(1, 16))

        // Days 2–3: 凯旋 files the six people of 2.2's table (牛星 with a mistyped phone), approved.
        var staff: [String: Filed<StaffMember>] = [:]
        for (i, name) in DemoData.kaixuanStaffOrder.prefix(6).enumerated() {
            var input = DemoData.kaixuanStaff[name]!
            if name == "牛星" { input.phone = "13013278094" }
            staff[name] = try await addStaff(input, by: kaixuan, at: time(2, 9, i * 5))
        }
        let firstSix = DemoData.kaixuanStaffOrder.prefix(6).map { staff[$0]! }
        try await submit(firstSix, by: kaixuan, at: time(2, 11))
        try await approve(firstSix.map(\.filing), at: time(3, 9, 30))

        var hongqiStaff: [Filed<StaffMember>] = []
        for (i, input) in DemoData.hongqiStaff(today: today).enumerated() {
            hongqiStaff.append(try await addStaff(input, by: hongqi, at: time(2, 10, i * 5)))
        }
        try await submit(Array(hongqiStaff.prefix(2)), by: hongqi, at: time(2, 10, 30))
        try await approve(hongqiStaff.prefix(2).map(\.filing), at: time(3, 10))

        // Days 4–5: 凯旋 enters the elevators of 3.1 (one still with its previous inspection), all approved —
        // those in 虞城县 and 夏邑县 by 商丘市, the 客梯 in 巩义市 by 郑州市.
        var elevators: [String: Filed<Elevator>] = [:]
        for (i, data) in DemoData.kaixuanElevators.enumerated() {
            var input = data
            if input.registrationCode == DemoData.Code.reinspected {
                input.inspectionDate = "2012-09-05"
                input.nextInspectionDate = "2013-09-05"
            }
            elevators[input.registrationCode] = try await addElevator(input, by: kaixuan, at: time(4, 9, i * 3))
        }
        let kaixuanElevators = DemoData.kaixuanElevators.map { elevators[$0.registrationCode]! }
        try await submit(kaixuanElevators, by: kaixuan, at: time(4, 14))
        try await approve(kaixuanElevators.map(\.filing), at: time(5, 9))

        let rescueLength = app.config.rescueCodeLengths.contains(6) ? 6 : app.config.rescueCodeLengths.lowerBound
        let hongqiInputs = DemoData.hongqiElevators(today: today) { n in
            String(3 * pow10(rescueLength - 1) + 7 * pow10(rescueLength - 2) + n)  // 370001, 370002, …
        }
        var hongqiElevators: [Filed<Elevator>] = []
        for (i, input) in hongqiInputs.enumerated() {
            hongqiElevators.append(try await addElevator(input, by: hongqi, at: time(4, 10, i * 5)))
        }
        try await submit(Array(hongqiElevators.prefix(2)), by: hongqi, at: time(4, 10, 30))
        try await approve(hongqiElevators.prefix(2).map(\.filing), at: time(5, 10))

        // Day 6: changes after approval. An elevator inspected again; a 安全管理员 added; a 责任单位 renamed;
        // 牛星's phone corrected (not yet submitted); 牛光耀's certificate number as 2.2.3 shows it.
        let reinspected = elevators[DemoData.Code.reinspected]!
        try await editElevator(reinspected, input(DemoData.Code.reinspected), by: kaixuan, at: time(6, 9))
        var managerAdded = input(DemoData.Code.managerAdded)
        managerAdded.safetyManager = "张丽"
        managerAdded.safetyManagerPhone = "0370-4212345"
        try await editElevator(elevators[DemoData.Code.managerAdded]!, managerAdded, by: kaixuan, at: time(6, 9, 10))
        var renamed = input(DemoData.Code.userUnitRenamed)
        renamed.userUnit = "虞城县诚信小区物业"
        try await editElevator(elevators[DemoData.Code.userUnitRenamed]!, renamed, by: kaixuan, at: time(6, 9, 20))
        try await submit([reinspected, elevators[DemoData.Code.managerAdded]!, elevators[DemoData.Code.userUnitRenamed]!],
                         by: kaixuan, at: time(6, 9, 30))
        try await editStaff(staff["牛星"]!, DemoData.kaixuanStaff["牛星"]!, by: kaixuan, at: time(6, 10))
        var newCertificate = DemoData.kaixuanStaff["牛光耀"]!
        newCertificate.certificateNo = "TF2012-04871"
        try await editStaff(staff["牛光耀"]!, newCertificate, by: kaixuan, at: time(6, 10, 10))
        try await submit([staff["牛光耀"]!], by: kaixuan, at: time(6, 10, 20))

        // Day 7: 商丘市 approves the new inspection (3.1 历史: version 2) and rejects the renamed 责任单位.
        // 凯旋 adds 2.2.1's two people, 马金磊 with the 发证日期 first typed, and submits them (2.2.3).
        try await approve([reinspected.filing], at: time(7, 10))
        try await reject(elevators[DemoData.Code.userUnitRenamed]!.filing,
                         opinion: "责任单位应填写使用登记证上的使用单位全称，请核对后重新上报", at: time(7, 10, 5))
        staff["马金生"] = try await addStaff(DemoData.kaixuanStaff["马金生"]!, by: kaixuan, at: time(7, 14))
        var firstTyped = DemoData.kaixuanStaff["马金磊"]!
        firstTyped.certificateIssued = "2014-09-01"
        staff["马金磊"] = try await addStaff(firstTyped, by: kaixuan, at: time(7, 14, 10))
        try await submit([staff["马金生"]!, staff["马金磊"]!], by: kaixuan, at: time(7, 15))

        // Day 8: 郑州市 rejects 马金磊's date; 红旗 submits a new person and a new elevator.
        try await reject(staff["马金磊"]!.filing, opinion: "发证日期与证书原件（2014-09-10）不符，请核对后重新上报", at: time(8, 9, 30))
        try await submit([hongqiStaff[2]], by: hongqi, at: time(8, 10))
        try await submit([hongqiElevators[2]], by: hongqi, at: time(8, 10, 5))

        // Day 9: 马金磊 corrected and submitted again; the 客梯's 安全管理员 has a new phone (2.3.3: 待上报/更改).
        try await editStaff(staff["马金磊"]!, DemoData.kaixuanStaff["马金磊"]!, by: kaixuan, at: time(9, 9))
        try await submit([staff["马金磊"]!], by: kaixuan, at: time(9, 9, 5))
        var newPhone = input(DemoData.Code.handEntered)
        newPhone.safetyManagerPhone = "13213219900"
        try await editElevator(elevators[DemoData.Code.handEntered]!, newPhone, by: kaixuan, at: time(9, 10))

        // Maintenance (维保记录) of 红旗's two approved elevators, entered from day 5 on: the 客梯's visits of
        // days −3 and 9 (the first filed 8 days late, a 补录); the 扶梯's last visit 17 days ago, so it is
        // 超期未维保. 新乡市 records the 客梯's inspection. 孙丽's certificate runs out in 21 days; 凯旋's
        // staff certificates (the manual's 2013–2019 dates) have all expired.
        let keti = DemoData.hongqiCodes.passenger, futi = DemoData.hongqiCodes.escalator
        try await fileMaintenance(keti, on: -3, .halfMonthly, workers: ["赵伟", "孙丽"], by: hongqi, at: time(5, 15))
        try await fileMaintenance(futi, on: -7, .halfMonthly, workers: ["赵伟", "孙丽"], by: hongqi, at: time(5, 15, 10),
                                  findings: "扶手带表面有轻微裂纹，已清洁并调整张紧，建议使用单位关注", adjusted: [12])
        try await recordInspection(keti, on: 8, body: "河南省特种设备安全检测研究院新乡分院", at: time(8, 16))
        // 维保签到: 红旗's workers get their phone logins (day 8); the day-9 visit of the 客梯 is checked in and
        // out on site and its record filed for it; 孙丽's lone, short check-in at the 扶梯 3.4 km away is flagged.
        logins += try await addWorkerLogins(hongqi, password: password)
        let ketiVisit = try await passengerVisit(hongqi)
        try await fileMaintenance(keti, on: 9, .quarterly, workers: ["赵伟", "孙丽"], by: hongqi, at: time(9, 17),
                                  findings: "曳引轮绳槽清洁，制动衬磨损在允许范围内", adjusted: [3], visit: ketiVisit)
        try await flaggedEscalatorVisit(hongqi)

        return logins
    }

    /// 凯旋's elevator as the manual's table has it.
    private func input(_ code: String) -> ElevatorInput {
        DemoData.kaixuanElevators.first { $0.registrationCode == code }!
    }
}

private func pow10(_ n: Int) -> Int { (0..<max(n, 0)).reduce(1) { r, _ in r * 10 } }
